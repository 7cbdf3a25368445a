using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Storage;

namespace Qalam.Tests.Storage;

public sealed class SchemaTests
{
    [Fact]
    public void SQLite_migrations_cover_every_model_change()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Model changed without a SQLite migration: run dotnet ef migrations add.");
    }

    [Fact]
    public void PostgreSQL_migrations_cover_every_model_change()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Model changed without a PostgreSQL migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Start_on_an_empty_database_creates_the_schema_and_applies_every_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database);
        _ = app.Server;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(database.Provider == "postgres" ? typeof(PostgresQalamDb) : typeof(SqliteQalamDb), db.GetType());
    }

    [Fact]
    public async Task An_unknown_storage_provider_stops_the_start_with_a_clear_message()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new QalamApp(database).WithWebHostBuilder(b => b.UseSetting("Storage:Provider", "oracle"));

        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Storage:Provider must be 'sqlite' or 'postgres'", error.ToString(), StringComparison.Ordinal);
    }
}
