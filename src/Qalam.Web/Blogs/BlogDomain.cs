using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qalam.Blogs;

public enum DomainProblem
{
    None,
    NotChecked,
    NoRecords,
    PointsElsewhere,
    MissingProof,
    LookupFailed,
}

// A host name a blog's owner added. It is served only once DNS shows it points here (VerifiedAt); the owner may then
// make it the blog's main address, and every other address of the blog redirects to it.
public sealed class BlogDomain
{
    public const int HostMaxLength = 253;

    private BlogDomain()
    {
    }

    public BlogDomain(int blogId, string host, string token, DateTime addedAt)
    {
        BlogId = blogId;
        Host = host;
        Token = token;
        AddedAt = addedAt;
        Problem = DomainProblem.NotChecked;
    }

    public int Id { get; private set; }
    public int BlogId { get; private set; }

    // Lower case, ASCII (an internationalized name is stored in its xn-- form), without a trailing dot.
    public string Host { get; private set; } = "";

    // Proof of control for domains that cannot be a CNAME: a TXT record qalam-verify={Token} at _qalam.{Host}.
    public string Token { get; private set; } = "";

    public DateTime AddedAt { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public DateTime? CheckedAt { get; private set; }
    public DomainProblem Problem { get; private set; }
    public bool IsPrimary { get; private set; }

    public void Checked(DomainProblem problem, DateTime at)
    {
        CheckedAt = at;
        Problem = problem;
        // A domain that once pointed here keeps working through a passing DNS failure; one that now points
        // elsewhere stops being served (and stops being the main address), so a lapsed name cannot be taken over.
        if (problem == DomainProblem.None)
        {
            VerifiedAt ??= at;
        }
        else if (problem != DomainProblem.LookupFailed)
        {
            VerifiedAt = null;
            IsPrimary = false;
        }
    }

    public void MakePrimary(bool primary) => IsPrimary = primary && VerifiedAt is not null;
}

public sealed class BlogDomainConfiguration : IEntityTypeConfiguration<BlogDomain>
{
    public void Configure(EntityTypeBuilder<BlogDomain> builder)
    {
        builder.ToTable("blog_domains");
        builder.Property(d => d.Host).HasMaxLength(BlogDomain.HostMaxLength);
        builder.HasIndex(d => d.Host).IsUnique();
        builder.Property(d => d.Token).HasMaxLength(64);
        builder.HasIndex(d => d.BlogId);
        builder.HasOne<Blog>().WithMany().HasForeignKey(d => d.BlogId).OnDelete(DeleteBehavior.Cascade);
    }
}
