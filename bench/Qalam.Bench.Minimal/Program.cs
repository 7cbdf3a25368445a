var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "Hello from a minimal ASP.NET Core endpoint");

// The same endpoint answering with a body the size of the sample post page (BYTES, default 8,533), so the load
// scripts can tell how much of the post page's cost is only the size of what it sends.
var size = int.TryParse(Environment.GetEnvironmentVariable("BYTES"), out var bytes) ? bytes : 8_533;
var page = new byte[size];
Array.Fill(page, (byte)'x');
app.MapGet("/sized", () => Results.Bytes(page, "text/html; charset=utf-8"));
await app.RunAsync();
