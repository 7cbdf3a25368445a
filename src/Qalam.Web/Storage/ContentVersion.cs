using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qalam.Storage;

// A number that moves whenever this process may have changed stored content, so in-process caches of rendered
// pages can tell that what they hold may be out of date. It says nothing about other nodes: a cache that must see
// their changes also needs a short lifetime.
public sealed class ContentVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Moved() => Interlocked.Increment(ref _value);
}

// Moves the version after every save through EF Core, and again when the transaction around such a save commits: a
// save inside an explicit transaction is not visible to others until then, so a page rendered between the two must
// not pass for fresh. Failed saves count too (part of one may have been written), which costs only a re-render.
// Writes in raw SQL (the visit counters, which pages show from their own numbers) do not move it.
public sealed class ContentVersionInterceptor(ContentVersion version) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Saved(DbContext? context)
    {
        version.Moved();
        if (context is QalamDb { Database.CurrentTransaction: not null } db)
        {
            db.SavedInTransaction = true;
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is QalamDb { SavedInTransaction: true } db)
        {
            db.SavedInTransaction = false;
            if (committed)
            {
                version.Moved();
            }
        }
    }
}
