using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Visits;

// The day's salt is shared through the database so that every node recognizes the same reader the same way.
public sealed class VisitSalts(IServiceScopeFactory scopes)
{
    private readonly Lock _gate = new();
    private (DateOnly Day, byte[] Salt)[] _recent = [];

    public async Task<byte[]> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var (known, salt) in Volatile.Read(ref _recent))
        {
            if (known == day)
            {
                return salt;
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        var candidate = RandomNumberGenerator.GetBytes(32);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO visit_salts (day, salt) VALUES ({day}, {candidate}) ON CONFLICT DO NOTHING", cancellationToken);
        var stored = await db.VisitSalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleAsync(cancellationToken);
        lock (_gate)
        {
            // Blogs in different time zones can be on different days at once; keep the last few.
            _recent = [.. _recent.Where(r => r.Day != day).TakeLast(3), (day, stored)];
        }
        return stored;
    }
}
