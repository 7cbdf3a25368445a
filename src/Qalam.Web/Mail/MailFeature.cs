namespace Qalam.Mail;

public static class MailFeature
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure<IConfiguration>((options, configuration) => options.HasPublicOrigin =
                !string.IsNullOrWhiteSpace(configuration["Hosting:Domain"]) || !string.IsNullOrWhiteSpace(configuration["Qalam:PublicOrigin"]));
        services.AddSingleton<MailSignal>().AddHostedService<MailSender>();
        return services.AddScoped<Outbox>();
    }
}
