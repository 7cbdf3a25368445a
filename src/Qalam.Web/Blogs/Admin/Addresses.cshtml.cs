using Microsoft.AspNetCore.Mvc;
using Qalam.Accounts;
using Qalam.Admin;

namespace Qalam.Blogs.Admin;

// The blog's addresses (owners only): where it lives now, and its custom domains with the DNS records each needs,
// whether DNS shows them pointing here yet, and which one is the main address.
public sealed class AddressesModel(BlogAccessChecker access, CustomDomains domains, BlogAddresses addresses) : AdminPageModel
{
    public List<BlogDomain> Domains { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Entered { get; private set; }

    public bool Available => domains.Available;

    public string Address => addresses.Site().Blog(Access.Blog.Handle);

    public DomainInstructions Instructions(BlogDomain domain) => domains.InstructionsFor(Access.Blog.Handle, domain);

    public async Task<IActionResult> OnGetAsync(string blog, CancellationToken cancellationToken) =>
        await LoadAsync(blog, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string blog, string? host, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var (rejection, _) = await domains.AddAsync(Access.Blog.Id, host, cancellationToken);
        if (rejection != DomainRejection.None)
        {
            Error = Text["Addresses.Rejected." + rejection, Text.Number(CustomDomains.MaxPerBlog)];
            Entered = host;
            Response.StatusCode = rejection == DomainRejection.Taken ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        return Back();
    }

    public async Task<IActionResult> OnPostCheckAsync(string blog, int domainId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        return await domains.CheckAsync(Access.Blog.Id, domainId, cancellationToken) is null ? NotFound() : Back();
    }

    public async Task<IActionResult> OnPostPrimaryAsync(string blog, int? domainId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        return await domains.MakePrimaryAsync(Access.Blog.Id, domainId, cancellationToken) ? Back() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string blog, int domainId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        return await domains.RemoveAsync(Access.Blog.Id, domainId, cancellationToken) ? Back() : NotFound();
    }

    private RedirectResult Back() => Redirect($"/admin/{Access.Blog.Handle}/addresses");

    private async Task<IActionResult?> LoadAsync(string blog, CancellationToken cancellationToken)
    {
        if (!await LoadBlogAsync(access, blog, cancellationToken))
        {
            return NotFound();
        }
        return Access.CanManageBlog ? null : Forbid();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Domains = await domains.OfAsync(Access.Blog.Id, cancellationToken);
        Chrome(Text["Admin.Addresses"]);
        return Page();
    }
}

public sealed record DnsRecordsModel(Localization.UiText Text, IReadOnlyList<DomainRecord> Records);
