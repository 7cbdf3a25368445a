using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Import;
using Qalam.Mail;
using Qalam.Media;
using Qalam.Posts;
using Qalam.Similar;
using Qalam.Visits;

namespace Qalam.Storage;

// The unit of work for every feature. Each provider has a subclass only so that it can own its migrations.
// Data-protection keys live here too, so that every web node can read the cookies and tokens the others wrote.
public abstract class QalamDb(DbContextOptions options) : IdentityDbContext<QalamUser>(options), IDataProtectionKeyContext
{
    // Set by ContentVersionInterceptor between a save inside a transaction and its end. A pooled context that was
    // returned mid-transaction keeps it set, which only makes the next commit move the version once too often.
    internal bool SavedInTransaction { get; set; }

    public DbSet<Blog> Blogs => Set<Blog>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<SimilarPost> SimilarPosts => Set<SimilarPost>();
    public DbSet<PostVisitDay> PostVisitDays => Set<PostVisitDay>();
    public DbSet<VisitReader> VisitReaders => Set<VisitReader>();
    public DbSet<VisitSalt> VisitSalts => Set<VisitSalt>();
    public DbSet<PostReferrerDay> PostReferrerDays => Set<PostReferrerDay>();
    public DbSet<BlogMember> BlogMembers => Set<BlogMember>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<PostSlugRedirect> PostSlugRedirects => Set<PostSlugRedirect>();
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<ImportedItem> ImportedItems => Set<ImportedItem>();
    public DbSet<LegacyPath> LegacyPaths => Set<LegacyPath>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<CommentSubscription> CommentSubscriptions => Set<CommentSubscription>();
    public DbSet<SpamToken> SpamTokens => Set<SpamToken>();
    public DbSet<OutgoingMail> Outbox => Set<Mail.OutgoingMail>();
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
