namespace Qalam.SampleContent;

public sealed class SampleContentOptions
{
    // Qalam:SampleContent=false starts with an empty site.
    public bool SampleContent { get; set; } = true;
}

public static class SampleContentFeature
{
    public static void AddSampleContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SampleContentOptions>().BindConfiguration("Qalam");
        builder.Services.AddHostedService<SampleContentSeeder>();
    }
}
