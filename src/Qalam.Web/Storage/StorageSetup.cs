using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Qalam.Storage;

public static class StorageSetup
{
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<ContentVersion>().AddSingleton<ContentVersionInterceptor>();
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        builder.Services.AddSingleton<RedisLink>().AddHostedService<RedisStart>();
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (options.IsPostgres)
        {
            var connection = options.ConnectionString
                ?? throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                    ["Storage:ConnectionString is required when Storage:Provider is 'postgres'."]);
            builder.Services.AddDbContextPool<QalamDb, PostgresQalamDb>((sp, o) =>
                ConfigurePostgres(o, connection).AddInterceptors(sp.GetRequiredService<ContentVersionInterceptor>()));
            builder.Services.AddHostedService<ContentChangeNotices>();
        }
        else
        {
            var connection = options.ConnectionString ?? DefaultSqliteConnection(builder.Environment.ContentRootPath);
            builder.Services.AddDbContextPool<QalamDb, SqliteQalamDb>((sp, o) =>
                ConfigureSqlite(o, connection).AddInterceptors(sp.GetRequiredService<ContentVersionInterceptor>()));
        }
        builder.Services.AddHostedService<DatabaseMigrator>();
        if (!options.IsPostgres)
        {
            builder.Services.AddHostedService<SqliteStatistics>(); // after the migrator: the tables must exist
        }
    }

    public static string DefaultSqliteConnection(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "qalam.db")}";
    }

    // SQLite cannot alter some columns in place, so EF rebuilds the table with foreign keys switched off outside
    // the migration's transaction; that is expected, and the warning would only alarm operators.
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connection) =>
        options.UseSqlite(connection, o => o.MigrationsAssembly("Qalam.Storage.Sqlite")).UseSnakeCaseNamingConvention()
            .ReplaceService<IMigrationsAssembly, MigrationsFromAssembly>()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection, o => o.MigrationsAssembly("Qalam.Storage.Postgres")).UseSnakeCaseNamingConvention()
            .ReplaceService<IMigrationsAssembly, MigrationsFromAssembly>();
}

// Used by `dotnet ef` only; the connection strings never reach a real database while generating migrations.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQalamDb>
{
    public SqliteQalamDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteQalamDb>();
        StorageSetup.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteQalamDb(options.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQalamDb>
{
    public PostgresQalamDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresQalamDb>();
        StorageSetup.ConfigurePostgres(options, "Host=localhost;Database=design");
        return new PostgresQalamDb(options.Options);
    }
}
