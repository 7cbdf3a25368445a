namespace Qalam.Import;

// What an import did, item by item class, so the person who ran it can see that nothing went missing silently.
public sealed class ImportReport
{
    public int Posts { get; set; }
    public int Pages { get; set; }
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
    public SortedDictionary<string, int> SkippedTypes { get; } = new(StringComparer.Ordinal);
    public List<string> UnmatchedAuthors { get; } = [];

    public int PostsCreated => Posts + Pages;

    public int CommentsCreated => CommentsApproved + CommentsHeld + CommentsSpam;

    public void Skipped(string type) => SkippedTypes[type] = SkippedTypes.GetValueOrDefault(type) + 1;
}
