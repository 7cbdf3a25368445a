using System.CommandLine;
using Qalam.Accounts;
using Qalam.Cli;
using Qalam.Import;
using Qalam.Operator;
using Qalam.Posts;
using Qalam.Search;
using Qalam.Signup;
using Qalam.Storage;

namespace Qalam.App;

// `qalam <verb>`: the same program as the web site, on the same configuration and database, without serving.
public static class QalamCli
{
    // Every verb, from the feature it belongs to (PRODUCT.md's command-line contract).
    public static IEnumerable<Command> Verbs(CliHost host) =>
    [
        .. AccountCommands.All(host),
        .. OperatorCommands.All(host),
        .. StorageCommands.All(),
        .. SearchCommands.All(host),
        .. SignupCommands.All(host),
        .. ImportCommands.All(host),
        .. TrashCommands.All(host),
    ];

    // Whether the program runs a verb rather than the site: the names come from the verbs themselves.
    public static bool Handles(string[] args) => args.Length > 0 && Verbs(new CliHost()).Any(verb => verb.Name == args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        // The verb's options are not configuration: keep them away from the host (configuration comes from
        // appsettings and environment variables, as for the site).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddQalam();
        await using var app = builder.Build();

        var root = new RootCommand("Qalam, a publishing platform for many blogs.");
        foreach (var command in Verbs(new CliHost { Services = app.Services }))
        {
            root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync("error: " + parsed.Errors[0].Message);
            return 2;
        }
        try
        {
            // A restore brings its own schema (and migrates it afterwards); everything else needs the current one.
            if (parsed.Action is not null && parsed.CommandResult.Command != root && parsed.CommandResult.Command.Subcommands.Count == 0
                && args[0] != "restore")
            {
                var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
                await DatabaseMigrator.MigrateAsync(scopes, app.Services.GetRequiredService<ILogger<DatabaseMigrator>>(), CancellationToken.None);
            }
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync("error: " + e.GetBaseException().Message);
            return 1;
        }
    }
}
