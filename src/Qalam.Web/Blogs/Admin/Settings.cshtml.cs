using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Operator;
using Qalam.Storage;

namespace Qalam.Blogs.Admin;

// Blog settings, for the blog's owners only.
public sealed class SettingsModel(BlogAccessChecker access, QalamDb db, TimeProvider time, UserManager<QalamUser> users, Outbox outbox,
    IOptions<BlogOperatorOptions> deletion, BlogAddresses addresses) : AdminPageModel
{
    public static readonly string[] CommonTimeZones =
        ["Asia/Tehran", "UTC", "Europe/London", "Europe/Berlin", "Europe/Istanbul", "Asia/Dubai", "Asia/Kabul", "America/New_York", "America/Los_Angeles", "America/Toronto", "Australia/Sydney"];

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];

    public bool Saved { get; private set; }

    // Set while the blog waits to be deleted: when, and whether its owner asked (and so may take it back).
    public DateTime? DeleteAfter { get; private set; }

    public bool DeletionByOwner { get; private set; }

    public string? DeleteError { get; private set; }

    public int GraceDays => (int)Math.Ceiling(deletion.Value.DeletionGrace.TotalDays);

    public async Task<IActionResult> OnGetAsync(string blog, int? saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        Saved = saved == 1;
        return await ShowFormAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowFormAsync(CancellationToken cancellationToken)
    {
        var b = Access.Blog;
        var comments = await db.Blogs.AsNoTracking().Where(x => x.Id == b.Id)
            .Select(x => new { x.CommentMaxLinks, x.CommentBlocklist, x.CommentNotifications, x.SpamLessons, x.HamLessons })
            .SingleAsync(cancellationToken);
        Form = new SettingsForm
        {
            CloseCommentsAfterDays = b.CloseCommentsAfterDays,
            CommentMaxLinks = comments.CommentMaxLinks,
            CommentBlocklist = comments.CommentBlocklist,
            CommentNotifications = comments.CommentNotifications,
            Title = b.Title,
            Description = b.Description,
            Language = b.Language,
            TimeZone = b.TimeZoneId,
            Calendar = b.Calendar,
            CommentPolicy = b.CommentPolicy,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var errors = BlogCreator.Validate(new NewBlog(Access.Blog.Handle, Form.Title, Form.Language, Form.Description));
        foreach (var error in errors)
        {
            Errors[error.Field.ToString()] = Text["Admin.Error.Blog." + error.Field + "." + error.Code];
        }
        if (string.IsNullOrWhiteSpace(Form.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(Form.TimeZone.Trim(), out _))
        {
            Errors["TimeZone"] = Text["Admin.Error.TimeZone"];
        }
        if (!Enum.IsDefined(Form.Calendar) || !Enum.IsDefined(Form.CommentPolicy) || !Enum.IsDefined(Form.CommentNotifications))
        {
            return BadRequest();
        }
        if (Form.CloseCommentsAfterDays is < 1 or > 36500)
        {
            Errors["CloseCommentsAfterDays"] = Text["Admin.Error.CloseAfterDays"];
        }
        if (Form.CommentMaxLinks is < 0 or > 100)
        {
            Errors["CommentMaxLinks"] = Text["Admin.Error.MaxLinks"];
        }
        if ((Form.CommentBlocklist?.Length ?? 0) > Blog.BlocklistMaxLength)
        {
            Errors["CommentBlocklist"] = Text["Error.TooLong", Text["Admin.Settings.Blocklist"], Text.Number(Blog.BlocklistMaxLength)];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var entity = await db.Blogs.SingleAsync(b => b.Id == Access.Blog.Id, cancellationToken);
        entity.Title = Form.Title!.Trim();
        entity.Description = Form.Description?.Trim() ?? "";
        entity.ChangeLanguage(Form.Language!);
        entity.TimeZoneId = Form.TimeZone!.Trim();
        entity.Calendar = Form.Calendar;
        entity.CommentPolicy = Form.CommentPolicy;
        entity.CloseCommentsAfterDays = Form.CloseCommentsAfterDays;
        entity.CommentMaxLinks = Form.CommentMaxLinks;
        entity.CommentBlocklist = (Form.CommentBlocklist ?? "").ReplaceLineEndings("\n").Trim();
        if (Form.CommentNotifications == CommentNotifications.DailyDigest && entity.CommentNotifications != CommentNotifications.DailyDigest)
        {
            // The first digest covers the day from now.
            entity.LastCommentDigestAt = time.GetUtcNow().UtcDateTime;
        }
        entity.CommentNotifications = Form.CommentNotifications;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/admin/{Access.Blog.Handle}/settings?saved=1");
    }

    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        if (!Access.CanManageBlog)
        {
            return Forbid();
        }
        var state = await db.Blogs.AsNoTracking().Where(b => b.Id == Access.Blog.Id)
            .Select(b => new { b.DeleteAfter, b.DeletionByOwner }).SingleAsync(cancellationToken);
        (DeleteAfter, DeletionByOwner) = (state.DeleteAfter, state.DeletionByOwner);
        Chrome(Text["Admin.Settings"]);
        return null;
    }

    // An owner deletes their own blog: the password again (a borrowed session is not enough), then the blog leaves
    // readers at once and is removed for good after the install's grace period (BlogPurger); every owner is told by
    // mail, and any of them may keep it until then.
    public async Task<IActionResult> OnPostDeleteAsync(string blog, string? password, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (DeleteAfter is not null)
        {
            // Already on its way out (a second tab, a double click): nothing more to do.
            return Redirect($"/admin/{Access.Blog.Handle}/settings");
        }
        var person = await users.FindByIdAsync(Viewer.UserId);
        if (person is null || !await users.CheckPasswordAsync(person, password ?? ""))
        {
            DeleteError = Text["Admin.Settings.Delete.WrongPassword"];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowFormAsync(cancellationToken);
        }
        var entity = await db.Blogs.SingleAsync(b => b.Id == Access.Blog.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var after = now + deletion.Value.DeletionGrace;
        var text = UiText.For(entity.Language);
        entity.DeleteByOwner(text["Admin.Settings.Delete.Reason"], now, after);
        var owners = await db.BlogMembers.Where(m => m.BlogId == entity.Id && m.Role == BlogRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).ToListAsync(cancellationToken);
        var date = BlogDates.Format(after, Access.Blog.TimeZone, entity.Calendar, entity.Language);
        foreach (var owner in owners.OfType<string>())
        {
            outbox.Add(owner, text["Admin.Settings.Delete.Mail.Subject", entity.Title],
                text["Admin.Settings.Delete.Mail.Body", entity.Title, person.DisplayName ?? person.Email ?? "", date,
                    $"{addresses.Site().Origin}/admin/{entity.Handle}/settings"]);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/admin/{entity.Handle}/settings");
    }

    // Takes back an owner's deletion while there is time; an operator's is not theirs to undo.
    public async Task<IActionResult> OnPostKeepAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!DeletionByOwner)
        {
            return Forbid();
        }
        var entity = await db.Blogs.SingleAsync(b => b.Id == Access.Blog.Id, cancellationToken);
        entity.Resume();
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/admin/{entity.Handle}/settings");
    }
}

public sealed class SettingsForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Language { get; set; }
    public string? TimeZone { get; set; }
    public BlogCalendar Calendar { get; set; }
    public CommentPolicy CommentPolicy { get; set; }
    public int? CloseCommentsAfterDays { get; set; }
    public int CommentMaxLinks { get; set; } = 2;
    public string? CommentBlocklist { get; set; }
    public CommentNotifications CommentNotifications { get; set; }
}
