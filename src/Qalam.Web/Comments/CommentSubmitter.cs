using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Posts;
using Qalam.Storage;

namespace Qalam.Comments;

public sealed record CommentInput(string? Name, string? Email, string? Website, string? Body, int? ParentId);

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

public enum CommentRejection
{
    PostNotFound,
    Closed,
    ParentNotFound,
}

public abstract record CommentOutcome
{
    public sealed record Published(int CommentId) : CommentOutcome;
    public sealed record Held(int CommentId) : CommentOutcome;
    public sealed record Invalid(IReadOnlyList<CommentFieldError> Errors) : CommentOutcome;
    public sealed record Rejected(CommentRejection Reason) : CommentOutcome;
}

public sealed class CommentSubmitter(QalamDb db, TimeProvider time)
{
    // A moderator's own comment (an author answering on their post) is published at once, even where readers'
    // comments are held or closed.
    public async Task<CommentOutcome> SubmitAsync(BlogView blog, int postId, CommentInput input, CancellationToken cancellationToken,
        bool byModerator = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var postVisible = await db.Posts.AsNoTracking()
            .Where(p => p.Id == postId && p.BlogId == blog.Id)
            .Where(Post.VisibleAt(now))
            .AnyAsync(cancellationToken);
        if (!postVisible)
        {
            return new CommentOutcome.Rejected(CommentRejection.PostNotFound);
        }
        if (blog.CommentPolicy == CommentPolicy.Closed && !byModerator)
        {
            return new CommentOutcome.Rejected(CommentRejection.Closed);
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

        var approved = byModerator || blog.CommentPolicy switch
        {
            CommentPolicy.Open => true,
            CommentPolicy.HoldFirstTime => email is not null && await db.Comments.AsNoTracking()
                .AnyAsync(c => c.BlogId == blog.Id && c.AuthorEmail == email && c.Status == CommentStatus.Approved, cancellationToken),
            _ => false,
        };
        var comment = new Comment(blog.Id, postId, input.ParentId, name!, email, website, body!,
            approved ? CommentStatus.Approved : CommentStatus.Pending, now);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return approved ? new CommentOutcome.Published(comment.Id) : new CommentOutcome.Held(comment.Id);
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
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
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
