using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Comments;

public sealed record CommentInput(string? Name, string? Email, string? Website, string? Body, int? ParentId, bool NotifyReplies = false);

// Where a comment comes from. A form carries its signed stamp and honeypot; the API has neither. A moderator's own
// comment (an author answering on their post) skips the screen and is published at once, even where readers'
// comments are held or closed.
public sealed record CommentSource(SiteAddress Site, string? Address, bool ByModerator = false, CommentFormProof? Form = null);

public sealed record CommentFormProof(string? Stamp, string? Honeypot);

public enum CommentField
{
    Name,
    Email,
    Website,
    Body,
}

public enum CommentProblem
{
    Required,
    TooLong,
    InvalidEmail,
    InvalidWebsite,
}

public sealed record CommentFieldError(CommentField Field, CommentProblem Problem, int Limit = 0);

// Why a comment was refused; nothing was stored, and the reader is told (and gets their text back on the form).
public enum CommentRejection
{
    PostNotFound,
    Closed,
    ParentNotFound,
    Honeypot,
    FormTooFast,
    FormExpired,
    AddressRateLimited,
    BlogRateLimited,
    Duplicate,
}

public abstract record CommentOutcome
{
    public sealed record Published(int CommentId) : CommentOutcome;

    // Held for moderation or sent to spam; the writer is told the same in both cases.
    public sealed record Held(int CommentId) : CommentOutcome;
    public sealed record Invalid(IReadOnlyList<CommentFieldError> Errors) : CommentOutcome;
    public sealed record Rejected(CommentRejection Reason) : CommentOutcome;
}

// Takes a comment through every layer (CommentScreen and the refusals below) and stores it with the mail it causes
// in one transaction: a comment the writer was told about is in the database.
public sealed class CommentSubmitter(QalamDb db, TimeProvider time, FormStamp stamps, CommentRateLimits limits, SpamFilter filter,
    CommentNotifier notifier, IOptions<CommentOptions> options)
{
    // Reply mail is offered only when the install can send mail.
    public bool OffersReplyMail => notifier.Enabled;

    public async Task<CommentOutcome> SubmitAsync(BlogView blog, int postId, CommentInput input, CommentSource source,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var post = await db.Posts.AsNoTracking()
            .Where(p => p.Id == postId && p.BlogId == blog.Id)
            .Where(Post.VisibleAt(now))
            .Select(p => new CommentedPost(p.Id, p.Title, p.Slug, p.AuthorId, p.PublishedAt!.Value, p.CommentsClosed))
            .SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return new CommentOutcome.Rejected(CommentRejection.PostNotFound);
        }
        if (!source.ByModerator && !CommentWindow.IsOpen(blog, post.CommentsClosed, post.PublishedAt, now))
        {
            return new CommentOutcome.Rejected(CommentRejection.Closed);
        }
        if (!source.ByModerator && source.Form is { } form)
        {
            if (!string.IsNullOrEmpty(form.Honeypot))
            {
                return new CommentOutcome.Rejected(CommentRejection.Honeypot);
            }
            switch (stamps.Check(form.Stamp, postId))
            {
                case StampCheck.TooFast:
                    return new CommentOutcome.Rejected(CommentRejection.FormTooFast);
                case StampCheck.Missing or StampCheck.Expired:
                    return new CommentOutcome.Rejected(CommentRejection.FormExpired);
            }
        }

        var errors = new List<CommentFieldError>();
        var name = Required(input.Name, CommentField.Name, Comment.NameMaxLength, errors);
        var body = Required(input.Body, CommentField.Body, Comment.BodyMaxLength, errors);
        var email = NormalizeEmail(input.Email, errors);
        var website = NormalizeWebsite(input.Website, errors);
        if (errors.Count > 0)
        {
            return new CommentOutcome.Invalid(errors);
        }

        if (input.ParentId is { } parentId)
        {
            var parentExists = await db.Comments.AsNoTracking()
                .AnyAsync(c => c.Id == parentId && c.PostId == postId && c.Status == CommentStatus.Approved, cancellationToken);
            if (!parentExists)
            {
                return new CommentOutcome.Rejected(CommentRejection.ParentNotFound);
            }
        }

        if (!source.ByModerator && await limits.TryTakeAsync(blog.Id, source.Address) is { } hit)
        {
            return new CommentOutcome.Rejected(hit == RateLimitHit.Address ? CommentRejection.AddressRateLimited : CommentRejection.BlogRateLimited);
        }

        var status = CommentStatus.Approved;
        IReadOnlyList<CommentReason> reasons = [];
        if (!source.ByModerator)
        {
            (status, reasons) = await ScreenAsync(blog, name!, email, website, body!, source.Address, cancellationToken);
        }
        var comment = new Comment(blog.Id, postId, input.ParentId, name!, email, website, body!, status, now);
        comment.Screened(CommentReason.Format(reasons), Fingerprint(postId, name!, email, body!), source.Address);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Comments.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // PostgreSQL refuses every statement in a failed transaction: end it before looking.
            await transaction.RollbackAsync(CancellationToken.None);
            if (await IsDuplicateAsync(postId, comment.Fingerprint!, cancellationToken))
            {
                return new CommentOutcome.Rejected(CommentRejection.Duplicate);
            }
            throw;
        }
        await notifier.NewCommentAsync(blog, post, comment, source.Site, cancellationToken);
        if (input.NotifyReplies && status != CommentStatus.Spam)
        {
            notifier.Subscribe(blog, post, comment, source.Site);
        }
        await notifier.RepliesAsync(blog, [comment], source.Site, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return status == CommentStatus.Approved ? new CommentOutcome.Published(comment.Id) : new CommentOutcome.Held(comment.Id);
    }

    private async Task<(CommentStatus, IReadOnlyList<CommentReason>)> ScreenAsync(BlogView blog, string name, string? email, string? website,
        string body, string? address, CancellationToken cancellationToken)
    {
        var settings = await db.Blogs.AsNoTracking().Where(b => b.Id == blog.Id)
            .Select(b => new { b.CommentBlocklist, b.CommentMaxLinks }).SingleAsync(cancellationToken);
        var score = await filter.ScoreAsync(blog.Id, SpamFilter.Tokens(body, email, website), cancellationToken);
        var result = CommentScreen.Screen(new Blocklist(settings.CommentBlocklist), settings.CommentMaxLinks, score, options.Value,
            name, email, website, body, address);
        if (result.Verdict == ScreenVerdict.Spam)
        {
            return (CommentStatus.Spam, result.Reasons);
        }
        var reasons = result.Reasons.ToList();
        switch (blog.CommentPolicy)
        {
            case CommentPolicy.HoldAll:
                reasons.Add(new CommentReason(CommentReason.HoldAll));
                break;
            // Known writers are known by their email address: without one nobody can become known, which is the reason.
            case CommentPolicy.HoldFirstTime when email is null:
                reasons.Add(new CommentReason(CommentReason.NoEmail));
                break;
            case CommentPolicy.HoldFirstTime when !await db.Comments.AsNoTracking()
                .AnyAsync(c => c.BlogId == blog.Id && c.AuthorEmail == email && c.Status == CommentStatus.Approved, cancellationToken):
                reasons.Add(new CommentReason(CommentReason.FirstTime));
                break;
        }
        return (reasons.Count > 0 ? CommentStatus.Pending : CommentStatus.Approved, reasons);
    }

    // The same text from the same writer on the same post (a second click, a resent form); spacing does not make it
    // new, anything else does.
    private static string Fingerprint(int postId, string name, string? email, string body)
    {
        var who = email ?? name;
        var what = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{postId}\n{who}\n{what}")));
    }

    private async Task<bool> IsDuplicateAsync(int postId, string fingerprint, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Comments.AsNoTracking().AnyAsync(c => c.PostId == postId && c.Fingerprint == fingerprint, cancellationToken);
    }

    private static string? Required(string? value, CommentField field, int limit, List<CommentFieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new CommentFieldError(field, CommentProblem.Required));
            return null;
        }
        if (trimmed.Length > limit)
        {
            errors.Add(new CommentFieldError(field, CommentProblem.TooLong, limit));
            return null;
        }
        return trimmed;
    }

    private static string? NormalizeEmail(string? value, List<CommentFieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > Comment.EmailMaxLength)
        {
            errors.Add(new CommentFieldError(CommentField.Email, CommentProblem.TooLong, Comment.EmailMaxLength));
            return null;
        }
        if (!EmailAddresses.IsValid(trimmed))
        {
            errors.Add(new CommentFieldError(CommentField.Email, CommentProblem.InvalidEmail));
            return null;
        }
        return trimmed.ToLowerInvariant();
    }

    // Only http and https addresses become links; "example.com" is taken to mean https://example.com.
    private static string? NormalizeWebsite(string? value, List<CommentFieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > Comment.WebsiteMaxLength)
        {
            errors.Add(new CommentFieldError(CommentField.Website, CommentProblem.TooLong, Comment.WebsiteMaxLength));
            return null;
        }
        var candidate = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new CommentFieldError(CommentField.Website, CommentProblem.InvalidWebsite));
            return null;
        }
        return uri.AbsoluteUri;
    }
}
