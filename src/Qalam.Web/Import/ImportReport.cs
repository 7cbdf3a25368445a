using System.Text.Json.Serialization;
using Qalam.Posts;

namespace Qalam.Import;

// What an import did, item by item class, so the person who ran it can see that nothing went missing silently.
// Stored as JSON with an admin-area import; the lists are filled in place when it is read back.
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class ImportReport
{
    public int Posts { get; set; }
    public int Pages { get; set; }

    // Pages an earlier import had made into posts, made pages now (their posts moved to the trash).
    public int PagesConverted { get; set; }

    // Comments left on WordPress pages: pages here take no comments, so they are counted, not brought in.
    public int PageComments { get; set; }
    public int Published { get; set; }
    public int Scheduled { get; set; }
    public int Drafts { get; set; }
    public int Private { get; set; }
    public int PasswordProtected { get; set; }
    public int AlreadyImported { get; set; }
    public int Trashed { get; set; }
    public List<string> Sticky { get; } = [];
    public int WithoutFrontMatter { get; set; }
    public int TagsCreated { get; set; }
    public int CommentsApproved { get; set; }
    public int CommentsHeld { get; set; }
    public int CommentsSpam { get; set; }
    public int CommentsAlreadyImported { get; set; }
    public int CommentsTrashed { get; set; }
    public int CommentsShortened { get; set; }
    public int RepliesWithoutParent { get; set; }
    public int Pingbacks { get; set; }
    public int Redirects { get; set; }
    public int ShortcodesRemoved { get; set; }
    public List<string> Attachments { get; } = [];

    // Images brought into the media library (WordPressMediaSource), found from an earlier import, or not brought in
    // ("address (reason)").
    public int MediaImported { get; set; }
    public int MediaAlreadyImported { get; set; }
    public int FeaturedImages { get; set; }
    public List<string> MediaNotImported { get; } = [];
    public SortedDictionary<string, int> SkippedTypes { get; } = new(StringComparer.Ordinal);
    public List<string> UnmatchedAuthors { get; } = [];

    public int PostsCreated => Posts + Pages;

    public int CommentsCreated => CommentsApproved + CommentsHeld + CommentsSpam;

    public void Counted(EffectivePostStatus status)
    {
        switch (status)
        {
            case EffectivePostStatus.Published:
                Published++;
                break;
            case EffectivePostStatus.Scheduled:
                Scheduled++;
                break;
            default:
                Drafts++;
                break;
        }
    }

    public void Skipped(string type) => SkippedTypes[type] = SkippedTypes.GetValueOrDefault(type) + 1;

    // The report as rows of a table, the same for the command line and the admin area. Labels are resource keys
    // ("Import.Row.*"); rows whose count is zero are left out unless they always belong.
    public IEnumerable<ImportReportRow> Rows()
    {
        if (true)
        {
            yield return new ImportReportRow("Import.Row.Posts", null, Posts, null);
        }
        if (Pages > 0)
        {
            yield return new ImportReportRow("Import.Row.Pages", null, Pages, null);
        }
        if (PageComments > 0)
        {
            yield return new ImportReportRow("Import.Row.PageComments", null, PageComments, null);
        }
        if (PagesConverted > 0)
        {
            yield return new ImportReportRow("Import.Row.PagesConverted", null, PagesConverted, null);
        }
        if (WithoutFrontMatter > 0)
        {
            yield return new ImportReportRow("Import.Row.WithoutFrontMatter", null, WithoutFrontMatter, null);
        }
        if (Published > 0)
        {
            yield return new ImportReportRow("Import.Row.Published", null, Published, null);
        }
        if (Scheduled > 0)
        {
            yield return new ImportReportRow("Import.Row.Scheduled", null, Scheduled, null);
        }
        if (Drafts > 0)
        {
            yield return new ImportReportRow("Import.Row.Drafts", null, Drafts, null);
        }
        if (Private > 0)
        {
            yield return new ImportReportRow("Import.Row.Private", null, Private, null);
        }
        if (PasswordProtected > 0)
        {
            yield return new ImportReportRow("Import.Row.PasswordProtected", null, PasswordProtected, null);
        }
        if (Sticky.Count > 0)
        {
            yield return new ImportReportRow("Import.Row.Sticky", null, Sticky.Count, string.Join(", ", Sticky));
        }
        if (AlreadyImported > 0)
        {
            yield return new ImportReportRow("Import.Row.AlreadyImported", null, AlreadyImported, null);
        }
        if (Trashed > 0)
        {
            yield return new ImportReportRow("Import.Row.Trashed", null, Trashed, null);
        }
        if (true)
        {
            yield return new ImportReportRow("Import.Row.TagsCreated", null, TagsCreated, null);
        }
        if (true)
        {
            yield return new ImportReportRow("Import.Row.CommentsApproved", null, CommentsApproved, null);
        }
        if (CommentsHeld > 0)
        {
            yield return new ImportReportRow("Import.Row.CommentsHeld", null, CommentsHeld, null);
        }
        if (CommentsSpam > 0)
        {
            yield return new ImportReportRow("Import.Row.CommentsSpam", null, CommentsSpam, null);
        }
        if (CommentsAlreadyImported > 0)
        {
            yield return new ImportReportRow("Import.Row.CommentsAlreadyImported", null, CommentsAlreadyImported, null);
        }
        if (CommentsTrashed > 0)
        {
            yield return new ImportReportRow("Import.Row.CommentsTrashed", null, CommentsTrashed, null);
        }
        if (Pingbacks > 0)
        {
            yield return new ImportReportRow("Import.Row.Pingbacks", null, Pingbacks, null);
        }
        if (RepliesWithoutParent > 0)
        {
            yield return new ImportReportRow("Import.Row.RepliesWithoutParent", null, RepliesWithoutParent, null);
        }
        if (CommentsShortened > 0)
        {
            yield return new ImportReportRow("Import.Row.CommentsShortened", null, CommentsShortened, null);
        }
        if (Redirects > 0)
        {
            yield return new ImportReportRow("Import.Row.Redirects", null, Redirects, null);
        }
        if (ShortcodesRemoved > 0)
        {
            yield return new ImportReportRow("Import.Row.ShortcodesRemoved", null, ShortcodesRemoved, null);
        }
        if (Attachments.Count > 0)
        {
            yield return new ImportReportRow("Import.Row.Attachments", null, Attachments.Count, null);
        }
        if (MediaImported > 0)
        {
            yield return new ImportReportRow("Import.Row.MediaImported", null, MediaImported, null);
        }
        if (MediaAlreadyImported > 0)
        {
            yield return new ImportReportRow("Import.Row.MediaAlreadyImported", null, MediaAlreadyImported, null);
        }
        if (FeaturedImages > 0)
        {
            yield return new ImportReportRow("Import.Row.FeaturedImages", null, FeaturedImages, null);
        }
        if (MediaNotImported.Count > 0)
        {
            yield return new ImportReportRow("Import.Row.MediaNotImported", null, MediaNotImported.Count, string.Join(", ", MediaNotImported.Take(20)));
        }
        if (UnmatchedAuthors.Count > 0)
        {
            yield return new ImportReportRow("Import.Row.UnmatchedAuthors", null, UnmatchedAuthors.Count, string.Join(", ", UnmatchedAuthors));
        }
        foreach (var (type, count) in SkippedTypes)
        {
            yield return new ImportReportRow("Import.Row.Skipped", type, count, null);
        }
    }
}

// One line of an import report: a resource key (with one argument for some), a count and optional detail.
public sealed record ImportReportRow(string Key, string? Argument, int Count, string? Detail);
