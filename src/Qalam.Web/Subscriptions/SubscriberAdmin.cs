using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Subscriptions;

public sealed record SubscriberCounts(int EachPost, int Weekly, int Pending, int Left);

public sealed record SubscriberRow(string Email, SubscriberMode Mode, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt, SubscriberSource Source);

public sealed record DaySubscribers(DateOnly Day, long Count);

public sealed record SubscriberImportReport(int Added, int AlreadyThere, int LeftBefore, int Invalid, bool Truncated);

// A blog's subscribers as its owners see them: counts, the list, counts over time, CSV out and in. Only owners reach
// it (the pages check BlogAccess.CanManageBlog); addresses are never shown anywhere else.
public sealed class SubscriberAdmin(QalamDb db, SubscriberDirectory directory, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<SubscriberCounts> CountsAsync(int blogId, CancellationToken cancellationToken)
    {
        var rows = await db.Subscribers.AsNoTracking().Where(s => s.BlogId == blogId)
            .GroupBy(s => new { Active = s.ConfirmedAt != null && s.UnsubscribedAt == null, Left = s.UnsubscribedAt != null, s.Mode })
            .Select(g => new { g.Key.Active, g.Key.Left, g.Key.Mode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new SubscriberCounts(
            rows.Where(r => r.Active && r.Mode == SubscriberMode.EachPost).Sum(r => r.Count),
            rows.Where(r => r.Active && r.Mode == SubscriberMode.WeeklyDigest).Sum(r => r.Count),
            rows.Where(r => !r.Active && !r.Left).Sum(r => r.Count),
            rows.Where(r => r.Left).Sum(r => r.Count));
    }

    public async Task<(List<SubscriberRow> Rows, int Total)> ListAsync(int blogId, string? search, int page, CancellationToken cancellationToken)
    {
        var query = db.Subscribers.AsNoTracking().Where(s => s.BlogId == blogId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var wanted = SubscriberDirectory.Normalize(search);
            query = query.Where(s => s.Email.Contains(wanted));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(PageOfRows.Skip(page, PageSize)).Take(PageSize)
            .Select(s => new SubscriberRow(s.Email, s.Mode, s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt, s.Source))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    // Confirmed subscribers at the end of each of the last `days` days of the blog's calendar.
    public async Task<List<DaySubscribers>> DailyAsync(BlogView blog, int days, CancellationToken cancellationToken)
    {
        var spans = await db.Subscribers.AsNoTracking().Where(s => s.BlogId == blog.Id && s.ConfirmedAt != null)
            .Select(s => new { Confirmed = s.ConfirmedAt!.Value, Left = s.UnsubscribedAt })
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, blog.TimeZone));
        DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, blog.TimeZone));
        var joined = spans.Select(s => DayOf(s.Confirmed)).Order().ToList();
        var left = spans.Where(s => s.Left is not null).Select(s => DayOf(s.Left!.Value)).Order().ToList();
        var series = new List<DaySubscribers>(days);
        int j = 0, l = 0;
        for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
        {
            while (j < joined.Count && joined[j] <= day)
            {
                j++;
            }
            while (l < left.Count && left[l] <= day)
            {
                l++;
            }
            series.Add(new DaySubscribers(day, j - l));
        }
        return series;
    }

    // email,mode,status,created,confirmed,left — every subscriber the blog ever had, for the owner's own records.
    public async Task WriteCsvAsync(int blogId, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("email,mode,status,created,confirmed,left");
        await foreach (var s in db.Subscribers.AsNoTracking().Where(s => s.BlogId == blogId).OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var status = s.UnsubscribedAt is not null ? "left" : s.ConfirmedAt is not null ? "active" : "pending";
            await writer.WriteLineAsync(string.Join(',', Csv(s.Email), s.Mode == SubscriberMode.WeeklyDigest ? "weekly" : "each",
                status, Stamp(s.CreatedAt), Stamp(s.ConfirmedAt), Stamp(s.UnsubscribedAt)));
        }
    }

    // The first column of each line is the address (a header line and other columns are ignored; a "mode" column of
    // "weekly" is kept). Addresses already there are left as they are; people who left are never brought back. The
    // rest get the confirmation mail, unless the owner vouches that they opted in elsewhere.
    public async Task<SubscriberImportReport> ImportAsync(BlogView blog, Stream csv, bool ownerVouches, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, SubscriberMode>(StringComparer.Ordinal);
        int invalid = 0;
        var truncated = false;
        using (var reader = new StreamReader(csv, Encoding.UTF8))
        {
            string? line;
            var modeColumn = -1;
            var first = true;
            while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
            {
                var cells = line.Split([',', ';', '\t']).Select(c => c.Trim().Trim('"').Trim()).ToArray();
                if (first)
                {
                    first = false;
                    modeColumn = Array.FindIndex(cells, c => c.Equals("mode", StringComparison.OrdinalIgnoreCase));
                    if (!cells[0].Contains('@', StringComparison.Ordinal))
                    {
                        continue;
                    }
                }
                if (cells[0].Length == 0)
                {
                    continue;
                }
                var email = SubscriberDirectory.Normalize(cells[0]);
                if (email.Length > Subscriber.EmailMaxLength || !Text.EmailAddresses.IsValid(email))
                {
                    invalid++;
                    continue;
                }
                if (wanted.Count >= options.Value.ImportLimit)
                {
                    truncated = true;
                    break;
                }
                wanted[email] = modeColumn > 0 && modeColumn < cells.Length && cells[modeColumn].Equals("weekly", StringComparison.OrdinalIgnoreCase)
                    ? SubscriberMode.WeeklyDigest : SubscriberMode.EachPost;
            }
        }
        var now = time.GetUtcNow().UtcDateTime;
        int added = 0, there = 0, leftBefore = 0;
        foreach (var chunk in wanted.Chunk(500))
        {
            var emails = chunk.Select(c => c.Key).ToList();
            var known = await db.Subscribers.AsNoTracking().Where(s => s.BlogId == blog.Id && emails.Contains(s.Email))
                .Select(s => new { s.Email, Left = s.UnsubscribedAt != null }).ToDictionaryAsync(s => s.Email, s => s.Left, cancellationToken);
            foreach (var (email, mode) in chunk)
            {
                if (known.TryGetValue(email, out var hasLeft))
                {
                    _ = hasLeft ? leftBefore++ : there++;
                    continue;
                }
                var subscriber = new Subscriber(blog.Id, email, mode, SubscriberDirectory.NewToken(),
                    ownerVouches ? SubscriberSource.ImportVouchedByOwner : SubscriberSource.ImportConfirmedByMail, now);
                db.Subscribers.Add(subscriber);
                if (ownerVouches)
                {
                    subscriber.Confirm(now);
                }
                else
                {
                    directory.QueueConfirmation(blog, subscriber, now);
                }
                added++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return new SubscriberImportReport(added, there, leftBefore, invalid, truncated);
    }

    private static string Stamp(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    // Spreadsheet programs run cells that start with = + - @ as formulas: such a cell is written as text.
    private static string Csv(string value) => value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
}
