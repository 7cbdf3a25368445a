using Qalam.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddQalam();

var app = builder.Build();
app.MapQalam();
await app.RunAsync();

public partial class Program;
