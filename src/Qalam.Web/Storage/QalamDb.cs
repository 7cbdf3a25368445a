using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Qalam.Storage;

// The unit of work for every feature. Each provider has a subclass only so that it can own its migrations.
// Data-protection keys live here too, so that every web node can read the cookies and tokens the others wrote.
public abstract class QalamDb(DbContextOptions options) : IdentityDbContext<QalamUser>(options), IDataProtectionKeyContext
{
    // Set by ContentVersionInterceptor between a save inside a transaction and its end. A pooled context that was
    // returned mid-transaction keeps it set, which only makes the next commit move the version once too often.
    internal bool SavedInTransaction { get; set; }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite forgets the kind on the way back, so restore it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QalamDb).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteQalamDb(DbContextOptions<SqliteQalamDb> options) : QalamDb(options);

public sealed class PostgresQalamDb(DbContextOptions<PostgresQalamDb> options) : QalamDb(options);
