using System.Collections.Concurrent;

namespace Qalam.Visits;

public readonly record struct PendingVisit(int PostId, DateOnly Day, string Reader, string? ReferrerHost = null);

// Visits counted on this node and not yet written. The page adds a post's pending visits to its stored count, so a
// reader sees their own visit at once; VisitFlusher writes them in batches.
public sealed class VisitBuffer(ILogger<VisitBuffer> logger)
{
    // Beyond this (the database unreachable for a long time) new visits are dropped and logged, not hoarded.
    public const int Capacity = 1_000_000;

    private readonly ConcurrentQueue<PendingVisit> _queue = new();
    private readonly ConcurrentDictionary<int, int> _pendingByPost = new();
    private int _count;

    // A sequence lock between the page and the writer: odd while a batch is being written, bumped when it is
    // done. A page that read the stored count and the pending visits under the same even value saw each visit
    // exactly once (see VisitRecorder.ShownAsync).
    private long _sequence;

    public long Sequence => Interlocked.Read(ref _sequence);

    public int Count => Volatile.Read(ref _count);

    public bool Add(PendingVisit visit)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            logger.LogError("The visit buffer is full ({Capacity}); a visit to post {PostId} was dropped", Capacity, visit.PostId);
            return false;
        }
        _pendingByPost.AddOrUpdate(visit.PostId, 1, (_, n) => n + 1);
        _queue.Enqueue(visit);
        return true;
    }

    public int PendingFor(int postId) => _pendingByPost.TryGetValue(postId, out var n) ? n : 0;

    public void BeginWrite() => Interlocked.Increment(ref _sequence);

    public List<PendingVisit> Take(int max)
    {
        var batch = new List<PendingVisit>(Math.Min(max, Count));
        while (batch.Count < max && _queue.TryDequeue(out var visit))
        {
            batch.Add(visit);
        }
        return batch;
    }

    // After a batch is stored: its visits are now part of the stored counts.
    public void Written(IEnumerable<PendingVisit> batch)
    {
        foreach (var visit in batch)
        {
            Interlocked.Decrement(ref _count);
            if (_pendingByPost.AddOrUpdate(visit.PostId, 0, (_, n) => n - 1) <= 0)
            {
                _pendingByPost.TryRemove(new KeyValuePair<int, int>(visit.PostId, 0));
            }
        }
        Interlocked.Increment(ref _sequence);
    }

    // A batch that could not be written goes back in line; writing it again is harmless (readers are unique keys).
    public void Return(IEnumerable<PendingVisit> batch)
    {
        foreach (var visit in batch)
        {
            _queue.Enqueue(visit);
        }
        Interlocked.Increment(ref _sequence);
    }
}
