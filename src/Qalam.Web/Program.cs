using Qalam.App;

if (QalamCli.Handles(args))
{
    return await QalamCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddQalam();

var app = builder.Build();
app.MapQalam();
await app.RunAsync();
return 0;

public partial class Program;
