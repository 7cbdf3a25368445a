namespace Qalam.Mail;

public static class MailFeature
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailSignal>().AddHostedService<MailSender>();
        return services.AddScoped<Outbox>();
    }
}
