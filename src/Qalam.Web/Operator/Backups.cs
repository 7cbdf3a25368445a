using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Qalam.Blogs;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Operator;

public sealed record BackupManifest(int Format, string Provider, DateTime CreatedAt, string? LastMigration, int MediaFiles);

public sealed class BackupException(string message) : Exception(message);

// `qalam backup` and `qalam restore`: one zip file with a consistent copy of the database and every media file.
// SQLite is copied with its online backup API (a consistent snapshot while the site runs); PostgreSQL with pg_dump
// (one transaction, so consistent too), restored with psql. Media files are copied after the database, so a file
// uploaded in between is in the zip without its row, never the other way round.
public sealed class Backups(QalamDb db, IOptions<StorageOptions> storage, MediaLibrary media, IHostEnvironment environment, TimeProvider time)
{
    private const int Format = 1;
    private const string ManifestName = "manifest.json";
    private const string SqliteName = "database.sqlite";
    private const string PostgresName = "database.sql";
    private const string MediaFolder = "media/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<BackupManifest> WriteAsync(string path, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("qalam-backup-");
        try
        {
            var provider = storage.Value.IsPostgres ? "postgres" : "sqlite";
            var dump = Path.Combine(work.FullName, storage.Value.IsPostgres ? PostgresName : SqliteName);
            if (storage.Value.IsPostgres)
            {
                await RunAsync("pg_dump", ["--no-owner", "--no-acl", "--format=plain", "--file", dump], cancellationToken);
            }
            else
            {
                await using var source = new SqliteConnection(ConnectionString);
                await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ToString());
                await source.OpenAsync(cancellationToken);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
            }
            var migrations = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            var files = Directory.Exists(media.Root) ? Directory.GetFiles(media.Root, "*", SearchOption.AllDirectories) : [];
            var manifest = new BackupManifest(Format, provider, time.GetUtcNow().UtcDateTime, migrations.LastOrDefault(), files.Length);

            var temporary = path + ".part";
            await using (var zip = new ZipArchive(File.Create(temporary), ZipArchiveMode.Create))
            {
                await using (var entry = zip.CreateEntry(ManifestName).Open())
                {
                    await JsonSerializer.SerializeAsync(entry, manifest, Json, cancellationToken);
                }
                zip.CreateEntryFromFile(dump, Path.GetFileName(dump), CompressionLevel.Optimal);
                foreach (var file in files)
                {
                    zip.CreateEntryFromFile(file, MediaFolder + Path.GetRelativePath(media.Root, file).Replace('\\', '/'), CompressionLevel.NoCompression);
                }
            }
            File.Move(temporary, path, overwrite: true);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Into an empty install only (no blogs, no people), unless `replace` says the install may be overwritten.
    public async Task<BackupManifest> RestoreAsync(string path, bool replace, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupException($"There is no file {path}.");
        }
        var work = Directory.CreateTempSubdirectory("qalam-restore-");
        try
        {
            BackupManifest manifest;
            try
            {
                await ZipFile.ExtractToDirectoryAsync(path, work.FullName, cancellationToken);
                await using var stream = File.OpenRead(Path.Combine(work.FullName, ManifestName));
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken)
                    ?? throw new BackupException($"{path} is not a Qalam backup.");
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or JsonException)
            {
                throw new BackupException($"{path} is not a Qalam backup.");
            }
            var provider = storage.Value.IsPostgres ? "postgres" : "sqlite";
            if (manifest.Format != Format)
            {
                throw new BackupException($"This backup has format {manifest.Format}; this version of Qalam reads format {Format}.");
            }
            if (manifest.Provider != provider)
            {
                throw new BackupException($"This is a {manifest.Provider} backup; this install uses {provider}. Restore it into a {manifest.Provider} install.");
            }
            if (!replace && !await IsEmptyAsync(cancellationToken))
            {
                throw new BackupException("This install already has blogs or people; restore into an empty one, or add --replace to overwrite it.");
            }
            if (storage.Value.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", cancellationToken);
                await RunAsync("psql", ["--quiet", "--set", "ON_ERROR_STOP=1", "--file", Path.Combine(work.FullName, PostgresName)], cancellationToken);
            }
            else
            {
                SqliteConnection.ClearAllPools();
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(work.FullName, SqliteName), Pooling = false }.ToString());
                await using var target = new SqliteConnection(ConnectionString);
                await source.OpenAsync(cancellationToken);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
            }
            var mediaSource = Path.Combine(work.FullName, "media");
            if (Directory.Exists(media.Root))
            {
                Directory.Delete(media.Root, recursive: true);
            }
            if (Directory.Exists(mediaSource))
            {
                CopyFolder(mediaSource, media.Root);
            }
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return !await db.Blogs.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            // No schema yet: nothing to lose.
            return true;
        }
    }

    private string ConnectionString => storage.Value.ConnectionString ?? StorageSetup.DefaultSqliteConnection(environment.ContentRootPath);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    // pg_dump and psql from PATH or Debian's versioned folders, the newest first; the connection comes from
    // Storage:ConnectionString through libpq's environment variables, so no password appears in a process list.
    private async Task RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var executable = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, tool))
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(folder => Path.Combine(folder, "bin", tool))
                : [])
            .FirstOrDefault(File.Exists)
            ?? throw new BackupException($"{tool} was not found; install PostgreSQL's client programs (Debian: postgresql-client).");
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        if (connection.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed: {(await errors).Trim().Split('\n')[0]}");
        }
    }
}
