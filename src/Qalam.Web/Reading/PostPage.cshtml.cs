using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Posts;
using Qalam.Shared;
using Qalam.Similar;
using Qalam.Visits;

namespace Qalam.Reading;

// The post page composes the features around a post: visits, similar posts and comments.
// The comment form carries no anti-forgery token, so that the page is the same for every reader and can be served
// from PostPageCache; cross-site posts are refused by their Origin and Sec-Fetch-Site headers instead (CrossSite).
[IgnoreAntiforgeryToken]
public sealed class PostPageModel(
    BlogDirectory blogs,
    PostReader posts,
    CommentThreads comments,
    CommentSubmitter submitter,
    CommenterCookies commenters,
    FormStamp stamps,
    SimilarPostFinder similar,
    VisitRecorder visits,
    BlogAddresses addresses,
    PostPageRecording recording,
    BlogAccessChecker access,
    PostTrash trash,
    Qalam.BlogPages.BlogPageEditor pages,
    TimeProvider time) : PageModel
{
    public BlogView Blog { get; private set; } = null!;
    public PostView Post { get; private set; } = null!;
    public VisitCount Visits { get; private set; }
    public int CommentCount { get; private set; }
    public IReadOnlyList<CommentNode> Comments { get; private set; } = [];
    public IReadOnlyList<SimilarPostLink> Similar { get; private set; } = [];
    public CommentNode? ReplyingTo { get; private set; }
    public string? Notice { get; private set; }
    public string? ErrorSummary { get; private set; }
    public Dictionary<string, string> FieldErrors { get; } = [];
    public UiText Text => UiText.For(Blog.Language);

    [BindProperty]
    public CommentFormInput Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string blog, string slug, int? replyTo, string? sent, CancellationToken cancellationToken)
    {
        var mark = visits.Mark();
        if (await LoadAsync(blog, slug, cancellationToken) is { Found: false } missing)
        {
            if (missing.Blog is { } found
                && await posts.FindRenamedAsync(found.Id, slug, time.GetUtcNow().UtcDateTime, cancellationToken) is { } current)
            {
                return RedirectPermanent(addresses.Post(found.Handle, current));
            }
            // A post that became a page (an imported WordPress page) sends its readers there.
            if (missing.Blog is { } blogOfPage && await pages.FormerPostAsync(blogOfPage.Id, slug, cancellationToken) is { } pageSlug)
            {
                return RedirectPermanent(addresses.Page(blogOfPage.Handle, pageSlug));
            }
            return missing.Blog is { } blogOfPost && await trash.HeldPublicAsync(blogOfPost.Id, slug, cancellationToken)
                ? StatusCode(StatusCodes.Status410Gone)
                : NotFound();
        }
        await visits.RecordAsync(Blog, Post.Id, VisitRequest.From(HttpContext), cancellationToken);
        Visits = await visits.ShownAsync(Post.Id, Post.VisitCount, mark, ct => posts.VisitCountAsync(Post.Id, ct), cancellationToken);
        Response.Headers.CacheControl = PostPageHeaders.CacheControl;
        Notice = sent switch
        {
            "published" => Text["Comment.Published"],
            "held" => Text["Comment.Held"],
            _ => null,
        };
        if (commenters.Remembered(Request) is { } remembered)
        {
            Form.Name = remembered.Name;
            Form.Email = remembered.Email;
            Form.Website = remembered.Website;
            Form.Remember = true;
        }
        if (replyTo is { } parent)
        {
            ReplyingTo = Find(Comments, parent);
            Form.ParentId = ReplyingTo?.Id;
        }
        recording.Describe(new PostPageRendering(Blog, Post.Id, Blog.Language, Visits));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, string slug, CancellationToken cancellationToken)
    {
        var mark = visits.Mark();
        if (await LoadAsync(blog, slug, cancellationToken) is { Found: false })
        {
            return NotFound();
        }
        Visits = await visits.ShownAsync(Post.Id, Post.VisitCount, mark, ct => posts.VisitCountAsync(Post.Id, ct), cancellationToken);
        if (CrossSite.IsCrossSite(Request))
        {
            // Most likely a reader's own browser posting a copy of the form kept elsewhere: keep their text.
            ErrorSummary = Text["Error.CrossSite"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var input = new CommentInput(Form.Name, Form.Email, Form.Website, Form.Body, Form.ParentId, Form.NotifyReplies);
        var source = new CommentSource(SiteAddress.From(Request), HttpContext.Connection.RemoteIpAddress?.ToString(),
            Form: new CommentFormProof(Form.Stamp, Form.Homepage));
        var outcome = await submitter.SubmitAsync(Blog, Post.Id, input, source, cancellationToken);
        if (outcome is CommentOutcome.Published or CommentOutcome.Held)
        {
            commenters.Remember(Response, Form.Remember ? new RememberedCommenter(Form.Name?.Trim(), Form.Email?.Trim(), Form.Website?.Trim()) : null);
        }
        switch (outcome)
        {
            case CommentOutcome.Published published:
                return Redirect($"{PostPath}?sent=published#comment-{published.CommentId}");
            case CommentOutcome.Held held:
                commenters.AddHeld(Request, Response, held.CommentId);
                return Redirect($"{PostPath}?sent=held#comment-{held.CommentId}");
            case CommentOutcome.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    FieldErrors[error.Field.ToString()] = Describe(error);
                }
                ErrorSummary = Text["Error.Summary"];
                break;
            case CommentOutcome.Rejected { Reason: CommentRejection.ParentNotFound }:
                Form.ParentId = null;
                ErrorSummary = Text["Error.ParentGone"];
                break;
            case CommentOutcome.Rejected { Reason: CommentRejection.Closed }:
                ErrorSummary = Text["Comments.Closed"];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case CommentOutcome.Rejected { Reason: CommentRejection.PostNotFound }:
                return NotFound();
            case CommentOutcome.Rejected { Reason: var reason }:
                // Refused before anything was stored: the text goes back to the reader with the reason.
                ErrorSummary = Text["Error.Comment." + reason];
                Form.Homepage = null;
                Response.StatusCode = reason is CommentRejection.AddressRateLimited or CommentRejection.BlogRateLimited
                    ? StatusCodes.Status429TooManyRequests
                    : reason == CommentRejection.Duplicate ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                ReplyingTo = Form.ParentId is { } repliedTo ? Find(Comments, repliedTo) : null;
                return Page();
        }
        ReplyingTo = Form.ParentId is { } parentId ? Find(Comments, parentId) : null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    // For the blog's people who may edit this post (signed-in readers always get a fresh page, never a kept one).
    public string? EditPath { get; private set; }

    // Written into the page several times (form, reply links, cancel): worked out once.
    public string PostPath { get; private set; } = "";

    public bool CommentsOpen => CommentWindow.IsOpen(Blog, Post.CommentsClosed, Post.PublishedAt, time.GetUtcNow().UtcDateTime);

    // A fresh signed stamp for each rendering; PostPageCache puts a fresh one into each copy it serves.
    public IHtmlContent Stamp => recording.Write(PostPageSplice.FormStamp, stamps.Issue(Post.Id));

    // Written through the recording, so that PostPageCache knows where the count is without looking for it.
    public IHtmlContent VisitCount => recording.Write(PostPageSplice.VisitCount, Text.Counted("Visits", Visits.Shown));

    public bool OffersReplyMail => submitter.OffersReplyMail;

    // The blog comes back even when the post is not found, for the redirect from a renamed post's old slug.
    private async Task<(BlogView? Blog, bool Found)> LoadAsync(string blog, string slug, CancellationToken cancellationToken)
    {
        var foundBlog = await blogs.FindAsync(blog, cancellationToken);
        if (foundBlog is null)
        {
            return (null, false);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var post = await posts.FindVisibleAsync(foundBlog.Id, slug, now, cancellationToken);
        if (post is null)
        {
            return (foundBlog, false);
        }
        Blog = foundBlog;
        Post = post;
        PostPath = addresses.Post(foundBlog.Handle, post.Slug);
        Comments = await comments.ForPostAsync(post.Id, commenters.Held(Request), cancellationToken);
        CommentCount = CountAll(Comments);
        Similar = await similar.FindAsync(foundBlog.Id, post.Id, now, cancellationToken);
        if (Viewer.From(User) is { } viewer && await access.ForAsync(viewer, foundBlog, cancellationToken) is { } rights
            && rights.CanEditPost(post.AuthorId))
        {
            EditPath = $"/admin/{foundBlog.Handle}/posts/{post.Id}";
        }
        var text = UiText.For(foundBlog.Language);
        new PageChrome(foundBlog.Language, post.Title, foundBlog, post.Excerpt)
        {
            Canonical = SiteAddress.From(Request).Post(foundBlog.Handle, post.Slug),
            MoreFeeds =
            [
                new FeedLink(PostPaths.MediaType(FeedFormat.Rss), $"{post.Title} — {text["Feed.CommentsRss"]}", addresses.CommentsFeed(foundBlog.Handle, post.Slug, FeedFormat.Rss)),
                new FeedLink(PostPaths.MediaType(FeedFormat.Atom), $"{post.Title} — {text["Feed.CommentsAtom"]}", addresses.CommentsFeed(foundBlog.Handle, post.Slug, FeedFormat.Atom)),
            ],
        }.ApplyTo(ViewData);
        return (foundBlog, true);
    }

    private string Describe(CommentFieldError error)
    {
        var label = Text["Form." + error.Field];
        return error.Problem switch
        {
            CommentProblem.Required => Text["Error.Required", label],
            CommentProblem.TooLong => Text["Error.TooLong", label, Text.Number(error.Limit)],
            CommentProblem.InvalidEmail => Text["Error.InvalidEmail"],
            _ => Text["Error.InvalidWebsite"],
        };
    }

    private static int CountAll(IEnumerable<CommentNode> nodes) => nodes.Sum(n => (n.Held ? 0 : 1) + CountAll(n.Replies));

    private static CommentNode? Find(IEnumerable<CommentNode> nodes, int id)
    {
        foreach (var node in nodes)
        {
            if (node.Id == id)
            {
                return node;
            }
            if (Find(node.Replies, id) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}

public sealed class CommentFormInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? Body { get; set; }
    public int? ParentId { get; set; }
    public bool Remember { get; set; }
    public bool NotifyReplies { get; set; }

    // The signed time the form was made (FormStamp) and the field only robots fill in.
    public string? Stamp { get; set; }
    public string? Homepage { get; set; }
}
