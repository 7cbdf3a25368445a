using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Accounts;

public sealed record AccessTokenSummary(int Id, string Name, string Hint, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed class AccessTokens(QalamDb db, TimeProvider time)
{
    public async Task<string> CreateAsync(string userId, string? name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var label = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        var (token, secret) = AccessToken.Create(userId, label[..Math.Min(label.Length, AccessToken.NameMaxLength)], now);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public Task<List<AccessTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken) =>
        db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new AccessTokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }
        token.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The user a live token belongs to, or null. Last use is recorded at most once a minute per token.
    public async Task<QalamUser?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(AccessToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = SecretCodes.HashOf(secret);
        var found = await db.AccessTokens
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (found.Token.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            found.Token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return found.User;
    }
}
