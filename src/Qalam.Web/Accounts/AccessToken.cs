using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Storage;

namespace Qalam.Accounts;

// A personal access token for the API. Only a SHA-256 hash is stored: the token is shown once, when made.
// The tokens are 256 random bits, so a fast hash is enough (there is nothing to guess, unlike a password).
[Table("access_tokens")]
public sealed class AccessToken
{
    public const int NameMaxLength = 100;
    public const string Prefix = "qlm_";

    private AccessToken()
    {
    }

    private AccessToken(string userId, string name, string hash, string hint, DateTime createdAt)
    {
        UserId = userId;
        Name = name;
        Hash = hash;
        Hint = hint;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Hash { get; private set; } = "";

    // The first characters of the token, so that a person can tell their tokens apart in a list.
    public string Hint { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; private set; }

    public static (AccessToken Token, string Secret) Create(string userId, string name, DateTime now)
    {
        var secret = Prefix + SecretCodes.New(32);
        return (new AccessToken(userId, name, SecretCodes.HashOf(secret), secret[..(Prefix.Length + 6)], now), secret);
    }

    public void Revoke(DateTime now) => RevokedAt ??= now;
}

public sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(AccessToken.NameMaxLength);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne<QalamUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
