namespace Qalam.Shared;

// Previous / next links under a list that runs over several pages (Shared/_Pager.cshtml draws them).
public sealed record Pager(int Number, int PageCount, Func<int, string> Url, string Label, string Previous, string Next)
{
    public static int PageCountOf(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    // How many rows come before a page. Page numbers come from addresses, so any int arrives: below 1 is the first
    // page, and a page past the end skips everything rather than overflowing back to the start.
    public static int Skip(int page, int pageSize) => (int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize);

    // A query string for a page of a list narrowed by named values; empty values are left out.
    public static string Query(int number, params (string Name, string? Value)[] values) =>
        "?" + string.Join('&', values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}")
            .Append($"page={number}"));
}
