using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qalam.Storage;

// A number that moves whenever stored content may have changed, so in-process caches of rendered pages can tell that
// what they hold may be out of date. It moves at once for this process's own saves; on PostgreSQL, other nodes' saves
// move it too when their notice arrives (ContentChangeNotices, in milliseconds), and caches keep a short lifetime for
// the time a notice cannot be had (the database away, or SQLite, where one process owns the site).
public sealed class ContentVersion
{
    private long _value;
    private long _movedHere;
    private TaskCompletionSource _nextMoveHere = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Current => Interlocked.Read(ref _value);

    // How many times this process's own saves moved it.
    public long MovedHere => Interlocked.Read(ref _movedHere);

    // Ends at this process's next own move (read it before MovedHere, so that a move in between is not missed).
    public Task NextMoveHere => Volatile.Read(ref _nextMoveHere).Task;

    public void Moved()
    {
        Interlocked.Increment(ref _value);
        Interlocked.Increment(ref _movedHere);
        Interlocked.Exchange(ref _nextMoveHere, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    // Another node changed something (or may have, while this one could not hear of it).
    public void MovedElsewhere() => Interlocked.Increment(ref _value);
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
