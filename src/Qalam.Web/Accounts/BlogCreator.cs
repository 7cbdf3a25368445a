using Microsoft.EntityFrameworkCore;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Storage;

namespace Qalam.Accounts;

public sealed record NewBlog(string? Handle, string? Title, string? Language, string? Description = null);

public enum BlogField
{
    Handle,
    Title,
    Language,
    Description,
}

public sealed record BlogFieldError(BlogField Field, string Code, string Message);

public abstract record BlogCreation
{
    public sealed record Created(Blog Blog) : BlogCreation;
    public sealed record Invalid(IReadOnlyList<BlogFieldError> Errors) : BlogCreation;
    public sealed record HandleTaken : BlogCreation;
}

public sealed class BlogCreator(QalamDb db, TimeProvider time)
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 1000;

    // The owner, when given, becomes the blog's first member with the owner role.
    public async Task<BlogCreation> CreateAsync(NewBlog input, string? ownerId, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new BlogCreation.Invalid(errors);
        }
        var handle = BlogHandles.Normalize(input.Handle!);
        if (await db.Blogs.AnyAsync(b => b.Handle == handle, cancellationToken))
        {
            return new BlogCreation.HandleTaken();
        }
        var blog = new Blog(handle, input.Title!.Trim(), input.Language!, time.GetUtcNow().UtcDateTime)
        {
            Description = input.Description?.Trim() ?? "",
        };
        db.Blogs.Add(blog);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests raced for the same handle; the unique index let one win.
            db.ChangeTracker.Clear();
            return new BlogCreation.HandleTaken();
        }
        if (ownerId is not null)
        {
            db.BlogMembers.Add(new BlogMember(blog.Id, ownerId, BlogRole.Owner));
            await db.SaveChangesAsync(cancellationToken);
        }
        return new BlogCreation.Created(blog);
    }

    public static List<BlogFieldError> Validate(NewBlog input)
    {
        var errors = new List<BlogFieldError>();
        var handle = input.Handle is null ? null : BlogHandles.Normalize(input.Handle);
        switch (BlogHandles.Check(handle))
        {
            case HandleProblem.Required:
                errors.Add(new(BlogField.Handle, "required", "A handle is required."));
                break;
            case HandleProblem.Invalid:
                errors.Add(new(BlogField.Handle, "invalid", "A handle is 1 to 40 Latin letters, digits and hyphens, starting with a letter or digit and not ending with a hyphen."));
                break;
            case HandleProblem.Reserved:
                errors.Add(new(BlogField.Handle, "reserved", "This handle is reserved."));
                break;
        }
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(new(BlogField.Title, "required", "A title is required."));
        }
        else if (input.Title.Trim().Length > TitleMaxLength)
        {
            errors.Add(new(BlogField.Title, "too-long", $"The title must be at most {TitleMaxLength} characters."));
        }
        if (input.Language is not (Languages.Persian or Languages.English))
        {
            errors.Add(new(BlogField.Language, "invalid", "The language must be 'fa' or 'en'."));
        }
        if (input.Description?.Trim().Length > DescriptionMaxLength)
        {
            errors.Add(new(BlogField.Description, "too-long", $"The description must be at most {DescriptionMaxLength} characters."));
        }
        return errors;
    }
}
