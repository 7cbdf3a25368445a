namespace Qalam.Storage;

// Lists read a page of rows at a time; page numbers come from addresses and clients, so any int arrives.
public static class PageOfRows
{
    // How many rows come before a page: below 1 is the first page, and a page past the end skips everything rather
    // than overflowing back to the start.
    public static int Skip(int page, int pageSize) => (int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize);

    public static int Count(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);
}
