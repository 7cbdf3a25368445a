using System.CommandLine;

namespace Qalam.Storage;

// `qalam migrate`.
public static class StorageCommands
{
    public static IEnumerable<Command> All() => [Migrate()];

    private static Command Migrate()
    {
        var migrate = new Command("migrate", "Create or update the database schema (the site also does this when it starts).");
        // The schema is brought up to date before any verb runs; this verb exists to do only that.
        migrate.SetAction(_ => Console.WriteLine("The database schema is up to date."));
        return migrate;
    }
}
