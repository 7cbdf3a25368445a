var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "Hello from a minimal ASP.NET Core endpoint");
await app.RunAsync();
