using Npgsql;

namespace Qalam.Tests.Infrastructure;

// A database of its own for each test app: a temporary SQLite file, or a fresh PostgreSQL database when the
// suite runs with QALAM_TEST_PROVIDER=postgres (scripts/test.sh starts a throw-away cluster for that).
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string provider, string connectionString, string name, string key)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
        Key = key;
    }

    private readonly string _name;

    // Unique to this database: the nodes on it share what they keep in Redis under it, and no other test's nodes do.
    public string Key { get; }

    public string Provider { get; }
    public string ConnectionString { get; }

    // A Redis server the suite's PostgreSQL run starts (scripts/test.sh); its nodes then share their limits there.
    public static string? Redis => Environment.GetEnvironmentVariable("QALAM_TEST_REDIS") is { Length: > 0 } r ? r : null;

    public static string ProviderUnderTest =>
        Environment.GetEnvironmentVariable("QALAM_TEST_PROVIDER") is { Length: > 0 } p ? p : "sqlite";

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "qalam_t_" + Guid.NewGuid().ToString("N")[..12];
        if (ProviderUnderTest != "postgres")
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            return new TestDatabase("sqlite", $"Data Source={path}", path, name);
        }
        var admin = Environment.GetEnvironmentVariable("QALAM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("QALAM_TEST_POSTGRES must hold an admin connection string when testing on PostgreSQL.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("postgres", builder.ConnectionString, name, name);
    }

    // Folders the site or a command keeps beside this database (a search index, media), when they run as processes of
    // their own: removed with the database. Shared: one per database (every command of a test sees one index).
    private readonly HashSet<string> _folders = [];

    public string Folder(string kind, bool shared = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qalam-{kind}-{(shared ? Key : Guid.NewGuid().ToString("N"))}");
        lock (_folders)
        {
            _folders.Add(path);
        }
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_folders)
        {
            foreach (var folder in _folders.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A process still writing there (one a failed test did not stop): left for the system's tmp cleaning.
                }
            }
        }
        if (Provider == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_name + suffix);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("QALAM_TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
