using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;
using Qalam.Http;
using Qalam.Localization;
using Qalam.Media;

namespace Qalam.Posts.Admin;

// The editor: write, preview (rendered by the same code as the public page), save a draft, publish now,
// schedule in the blog's calendar and time zone, unpublish. Works as a plain form; the script adds the TOAST UI
// editor (Markdown and visual modes), image upload in place, a live preview and autosave to the browser's storage.
public sealed class PostEditModel(BlogAccessChecker access, PostEditor editor, PostRevisions revisions, MarkdownRenderer renderer, MediaLibrary media,
    TimeProvider time)
    : AdminPageModel
{
    [BindProperty]
    public PostForm Form { get; set; } = new();

    public Post? Existing { get; private set; }

    public EffectivePostStatus Status { get; private set; } = EffectivePostStatus.Draft;

    public string? PreviewHtml { get; private set; }

    public string? Notice { get; private set; }

    public string? QuotaMessage { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public List<string> TagSuggestions { get; private set; } = [];

    // The images the featured-image field offers (the chosen one first); the media library has the rest.
    public List<MediaChoice> ImageChoices { get; private set; } = [];

    public const int ImageChoiceCount = 24;

    public bool IsNew => Existing is null;

    // Text autosaved (here or on another device) after the post's last save, offered back to the writer.
    public RevisionText? Unsaved { get; private set; }

    // What the schedule field's hint shows as an example: this time tomorrow, as the field would take it.
    public string ScheduleExample => BlogDates.InputValue(time.GetUtcNow().UtcDateTime.AddDays(1), Access.Blog, Text.Language);

    public async Task<IActionResult> OnGetAsync(string blog, int? id, string? saved, int? welcome, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (Existing is { } post)
        {
            Form = new PostForm
            {
                Title = post.Title,
                Slug = post.Slug,
                Body = post.BodyMarkdown,
                Tags = string.Join(", ", post.Tags.Select(t => t.Name)),
                Language = post.Language,
                // Latin digits in the field itself: the Jalali picker reads the field back and misreads Persian digits.
                PublishAt = post.PublishedAt is { } at ? BlogDates.InputValue(at, Access.Blog, Languages.English) : null,
                CommentsClosed = post.CommentsClosed,
                MailToSubscribers = post.MailToSubscribers,
                FeaturedImageId = post.FeaturedImageId ?? PostInput.NoFeaturedImage,
                Pinned = post.Pinned,
            };
        }
        else
        {
            Form.Language = Access.Blog.Language;
        }
        Notice = saved is not null ? Text["Admin.Editor.Saved." + saved] : welcome == 1 ? Text["Signup.Welcome"] : null;
        Unsaved = Existing is null ? null : await revisions.UnsavedAsync(Existing, cancellationToken);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string blog, int? id, string? command, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (command == "preview")
        {
            PreviewHtml = renderer.Render(Form.Body ?? "").Html;
            return await ShowAsync(cancellationToken);
        }
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? publishAt = null;
        string? status = command switch
        {
            "draft" => PostStatusNames.Draft,
            "publish" => PostStatusNames.Published,
            "schedule" => PostStatusNames.Scheduled,
            _ => null,
        };
        if (command == "schedule")
        {
            publishAt = BlogDates.ParseInput(Form.PublishAt, Access.Blog);
            if (publishAt is null || publishAt <= now)
            {
                Errors["PublishAt"] = Text["Admin.Editor.ScheduleFuture"];
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await ShowAsync(cancellationToken);
            }
        }
        var input = new PostInput(Form.Title ?? "", Form.Body ?? "", Form.Language, SplitTags(Form.Tags), Form.Slug, status, publishAt, Form.CommentsClosed,
            Form.MailToSubscribers, Form.FeaturedImageId, Access.CanSeeAllPosts ? Form.Pinned : null);
        var outcome = Existing is null
            ? await editor.CreateAsync(Access.Blog.Id, Access.Blog.Language, Viewer.UserId, input, cancellationToken)
            : await editor.UpdateAsync(Existing, input, Viewer.UserId, cancellationToken);
        switch (outcome)
        {
            case PostSave.Saved saved:
                return Redirect($"/admin/{Access.Blog.Handle}/posts/{saved.Post.Id}?saved={command ?? "save"}");
            case PostSave.SlugTaken:
                Errors["Slug"] = Text["Admin.Editor.SlugTaken"];
                break;
            case PostSave.QuotaReached reached:
                QuotaMessage = Text.Counted("Quota.Posts", reached.Limit);
                break;
            case PostSave.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    Errors[error.Field.ToString()] = Text["Admin.Error.Post." + error.Field + "." + error.Code];
                }
                break;
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    // The live preview: the same renderer and sanitizer as the public page, so what you see is what readers get.
    public async Task<IActionResult> OnPostPreviewAsync(string blog, int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        return Content(renderer.Render(Form.Body ?? "").Html, "text/html; charset=utf-8");
    }

    // The script sends the text here a few seconds after the writer stops typing, and when the tab closes. An
    // existing post keeps it as the writer's autosave revision (readers still see the saved text); a new post with a
    // title is saved as a draft, whose address the script then takes, so a closed tab loses nothing either way.
    public async Task<IActionResult> OnPostAutosaveAsync(string blog, int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, id, cancellationToken) is { } failure)
        {
            return failure;
        }
        var title = (Form.Title ?? "").Trim();
        var body = Form.Body ?? "";
        if (title.Length > Post.TitleMaxLength || body.Length > PostEditor.BodyMaxLength)
        {
            return new JsonResult(new { error = Text["Admin.Editor.AutosaveTooLong"] }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
        if (Existing is { } post)
        {
            var at = await revisions.AutosaveAsync(post, Viewer.UserId, title, body, cancellationToken);
            return new JsonResult(new { id = post.Id, saved = Text["Admin.Editor.AutosavedAt", AdminFormat.Date(at, Text, Access.Blog)] });
        }
        if (title.Length == 0)
        {
            return new JsonResult(new { saved = "" });
        }
        var input = new PostInput(title, body, Form.Language, SplitTags(Form.Tags), null, PostStatusNames.Draft, null, Form.CommentsClosed);
        if (await editor.CreateAsync(Access.Blog.Id, Access.Blog.Language, Viewer.UserId, input, cancellationToken) is not PostSave.Saved saved)
        {
            return new JsonResult(new { error = Text["Admin.Editor.AutosaveFailed"] }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
        return new JsonResult(new
        {
            id = saved.Post.Id,
            url = $"/admin/{Access.Blog.Handle}/posts/{saved.Post.Id}",
            saved = Text["Admin.Editor.AutosavedDraft", AdminFormat.Date(saved.Post.UpdatedAt, Text, Access.Blog)],
        });
    }

    private async Task<IActionResult?> LoadAsync(string blog, int? id, CancellationToken cancellationToken)
    {
        SecurityHeaders.AllowStyleAttributes(Response);
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (id is { } postId)
        {
            Existing = await editor.FindAsync(Access.Blog.Id, postId, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }
            if (!Access.CanEditPost(Existing.AuthorId))
            {
                return Forbid();
            }
            Status = Existing.EffectiveStatus(time.GetUtcNow().UtcDateTime);
        }
        return null;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        TagSuggestions = await editor.TagSuggestionsAsync(Access.Blog.Id, cancellationToken);
        ImageChoices = await media.ChoicesAsync(Access.Blog.Id, Form.FeaturedImageId, ImageChoiceCount, cancellationToken);
        Chrome(IsNew ? Text["Admin.NewPost"] : Text["Admin.Editor.Edit"]);
        return Page();
    }

    private static List<string> SplitTags(string? tags) =>
        [.. (tags ?? "").Split([',', '،'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

public sealed class PostForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Body { get; set; }
    public string? Tags { get; set; }
    public string? Language { get; set; }
    public string? PublishAt { get; set; }
    public bool CommentsClosed { get; set; }

    // Checked for a new post. An unchecked box sends nothing, so a hidden "false" follows it (the first value binds).
    public bool MailToSubscribers { get; set; } = true;

    // Shown to owners and editors only; an author's form never changes it.
    public bool Pinned { get; set; }

    // PostInput.NoFeaturedImage for none; absent (an older form) keeps the post's.
    public int? FeaturedImageId { get; set; }
}
