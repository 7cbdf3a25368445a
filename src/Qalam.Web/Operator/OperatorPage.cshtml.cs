using Microsoft.AspNetCore.Mvc;
using Qalam.Storage;
using Qalam.Visits;

namespace Qalam.Operator;

// /admin/operator, for the install's owners and admins only (others get 404): the install's numbers, visits per
// day across blogs, where spam is held, and the blogs with suspend, resume, approve and delete.
public sealed class OperatorPageModel(BlogOperator operations, InstallStats stats, Microsoft.Extensions.Options.IOptions<BlogOperatorOptions> options,
    Signup.SignupSettingsStore signupSettings, Signup.SignupInvitations invitations, Mail.Outbox outbox) : OperatorAreaPageModel
{
    public Signup.SignupSettings SignupSettings { get; private set; } = null!;
    public bool MailEnabled => outbox.Enabled;
    public string DisposableText => string.Join('\n', SignupSettings.DisposableDomains);
    public bool InvitationsNeeded => SignupSettings.Mode == Signup.SignupMode.Invitation;

    public async Task<IActionResult> OnPostSignupAsync(Signup.SignupMode mode, string? disposable, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(mode) || (disposable?.Length ?? 0) > Signup.SignupSettingsRow.DomainsMaxLength)
        {
            return BadRequest();
        }
        await signupSettings.SaveAsync(mode, disposable, cancellationToken);
        return Redirect("/admin/operator?done=signup#signup-heading");
    }
    public int OpenInvitations { get; private set; }
    public string? InvitationLink { get; private set; }

    public async Task<IActionResult> OnPostInviteAsync(string? note, CancellationToken cancellationToken)
    {
        var code = await invitations.CreateAsync(note, TimeSpan.FromDays(14), cancellationToken);
        InvitationLink = $"{Qalam.Blogs.SiteAddress.From(Request).Origin}/signup?invitation={code}";
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(null, 1, cancellationToken);
        return Page();
    }

    public int GraceDays => (int)Math.Ceiling(options.Value.DeletionGrace.TotalDays);

    public InstallCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);
    public List<DayVisits> Visits { get; private set; } = [];
    public List<SpamByBlog> Spam { get; private set; } = [];
    public List<BlogListing> Blogs { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Words { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    public Shared.Pager Pager => new(PageNumber, PageOfRows.Count(Total, BlogOperator.PageSize), n => Shared.Pager.Query(n, ("q", Words)),
        Text["Operator.BlogsHeading"], Text["Site.PreviousBlogs"], Text["Site.MoreBlogs"]);

    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] int? page, string? done, CancellationToken cancellationToken)
    {
        Notice = done is "suspend" or "resume" or "approve" or "transfer" or "signup" ? Text["Operator.Done." + done]
            : done == "delete" ? Text.Counted("Operator.Done.delete", GraceDays) : null;
        await LoadAsync(q, page, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? handle, string? action, string? reason, string? email, CancellationToken cancellationToken)
    {
        var outcome = action switch
        {
            "suspend" => await operations.SuspendAsync(handle ?? "", reason, cancellationToken),
            "resume" => await operations.ResumeAsync(handle ?? "", cancellationToken),
            "approve" => await operations.ApproveAsync(handle ?? "", cancellationToken),
            "transfer" => await operations.TransferAsync(handle ?? "", email, cancellationToken),
            "delete" => (await operations.DeleteAsync(handle ?? "", string.IsNullOrWhiteSpace(reason) ? Text["Operator.DeletedReason"] : reason, null, cancellationToken)).Outcome,
            _ => OperatorOutcome.NotFound,
        };
        if (outcome == OperatorOutcome.Done)
        {
            return Redirect($"/admin/operator?q={Uri.EscapeDataString(handle ?? "")}&done={action}");
        }
        Error = Text["Operator." + (outcome == OperatorOutcome.Done ? "NotFound" : outcome.ToString())];
        Response.StatusCode = outcome is OperatorOutcome.ReasonRequired or OperatorOutcome.UserNotFound ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status404NotFound;
        await LoadAsync(handle, 1, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? q, int? page, CancellationToken cancellationToken)
    {
        Words = q?.Trim() is { Length: > 0 and <= 100 } words ? words : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        Counts = await stats.CountsAsync(cancellationToken);
        Visits = await stats.VisitsAsync(30, cancellationToken);
        Spam = await stats.SpamAsync(10, cancellationToken);
        SignupSettings = await signupSettings.CurrentAsync(cancellationToken);
        OpenInvitations = InvitationsNeeded ? await invitations.OpenCountAsync(cancellationToken) : 0;
        (Blogs, Total) = await operations.PageAsync(Words, PageNumber, cancellationToken);
        Chrome(Text["Operator.Title"]);
    }
}
