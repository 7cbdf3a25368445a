namespace Qalam.Shared;

// Previous / next links under a list that runs over several pages (Shared/_Pager.cshtml draws them).
public sealed record Pager(int Number, int PageCount, Func<int, string> Url, string Label, string Previous, string Next)
{
    // A query string for a page of a list narrowed by named values; empty values are left out.
    public static string Query(int number, params (string Name, string? Value)[] values) =>
        "?" + string.Join('&', values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}")
            .Append($"page={number}"));
}
