using System.Collections.Concurrent;

namespace Qalam.Visits;

public readonly record struct PendingVisit(int PostId, DateOnly Day, string Reader, string? ReferrerHost = null);

// Visits counted on this node and not yet written. The page adds a post's pending visits to its stored count, so a
// reader sees their own visit at once; VisitFlusher writes them in batches. Per post it also keeps how many new
// visits this node has written so far, so a page holding an older stored count can still show the right total
// (VisitRecorder.Show).
public sealed class VisitBuffer(ILogger<VisitBuffer> logger)
{
    // Beyond this (the database unreachable for a long time) new visits are dropped and logged, not hoarded.
    public const int Capacity = 1_000_000;

    private readonly ConcurrentQueue<PendingVisit> _queue = new();
    // One entry per post this node has counted since it started; never removed, because a kept page's count is
    // relative to the post's written visits (a few dozen bytes per post).
    private readonly ConcurrentDictionary<int, PostCounts> _byPost = new();
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
        var counts = _byPost.GetOrAdd(visit.PostId, _ => new PostCounts());
        lock (counts.Gate)
        {
            counts.Pending++;
        }
        _queue.Enqueue(visit);
        return true;
    }

    // A post's pending visits and the new visits this node has written, read together: a batch moves from the
    // one to the other at once.
    public (long Pending, long Written) CountsFor(int postId)
    {
        if (!_byPost.TryGetValue(postId, out var counts))
        {
            return (0, 0);
        }
        lock (counts.Gate)
        {
            return (counts.Pending, counts.Written);
        }
    }

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

    // After a batch is stored: its visits are now part of the stored counts, `newByPost` of them as new visits
    // (the others had been counted before, by another node or an earlier attempt).
    public void Written(IReadOnlyCollection<PendingVisit> batch, IReadOnlyDictionary<int, int> newByPost)
    {
        foreach (var post in batch.GroupBy(v => v.PostId))
        {
            var counts = _byPost[post.Key];
            lock (counts.Gate)
            {
                counts.Pending -= post.Count();
                counts.Written += newByPost.GetValueOrDefault(post.Key);
            }
        }
        Interlocked.Add(ref _count, -batch.Count);
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

    private sealed class PostCounts
    {
        public readonly Lock Gate = new();
        public long Pending;
        public long Written;
    }
}
