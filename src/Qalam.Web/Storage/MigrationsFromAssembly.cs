using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Qalam.Storage;

// Each provider's migrations live in a project of their own (Qalam.Storage.Sqlite, Qalam.Storage.Postgres) that the
// web project references and that cannot see it, so the generated classes carry no [DbContext(typeof(...))] (see
// scripts/add-migration.sh). This finds them by their [Migration] id alone, in the assembly named by the context's
// MigrationsAssembly option; EF's own lookup would also ask for the context attribute.
public sealed class MigrationsFromAssembly(IDbContextOptions options) : IMigrationsAssembly
{
    private readonly Lazy<(IReadOnlyDictionary<string, TypeInfo> Migrations, ModelSnapshot? Snapshot)> _found = new(() =>
    {
        var name = options.Extensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension>().Single().MigrationsAssembly
            ?? throw new InvalidOperationException("The context names no migrations assembly.");
        var assembly = Assembly.Load(new AssemblyName(name));
        var types = assembly.GetTypes().Where(t => !t.IsAbstract).Select(t => t.GetTypeInfo()).ToList();
        var migrations = types
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .OrderBy(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, StringComparer.Ordinal)
            .ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, t => t, StringComparer.Ordinal);
        var snapshot = types.SingleOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot))) is { } type
            ? (ModelSnapshot)Activator.CreateInstance(type)!
            : null;
        return (migrations, snapshot);
    });

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _found.Value.Migrations;

    public ModelSnapshot? ModelSnapshot => _found.Value.Snapshot;

    public Assembly Assembly => Migrations.Values.FirstOrDefault()?.Assembly ?? throw new InvalidOperationException("No migrations were found.");

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id[Math.Min(id.Length, 15)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
