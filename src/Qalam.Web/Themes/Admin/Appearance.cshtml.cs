using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Admin;
using Qalam.Blogs;
using Qalam.Media;
using Qalam.Storage;

namespace Qalam.Themes.Admin;

public sealed class AppearanceForm
{
    public string? Theme { get; set; }
    public ColorScheme Scheme { get; set; }
    public int? HeaderImageId { get; set; }
    public int? LogoImageId { get; set; }
    public int? FaviconImageId { get; set; }
    public string? CustomCss { get; set; }
}

// How the blog looks, for its owners: a theme (looked at first in a preview of their own blog), light or dark, a
// header image, a logo and a favicon from the blog's media, and a style sheet of their own.
public sealed class AppearanceModel(BlogAccessChecker access, QalamDb db, MediaLibrary media, IOptions<MediaOptions> mediaOptions) : AdminPageModel
{
    // Pictures offered in each list: the blog's newest, and whatever is chosen now.
    public const int ChoiceCount = 60;

    [BindProperty]
    public AppearanceForm Form { get; set; } = new();

    public List<MediaChoice> Images { get; private set; } = [];

    public List<string> CssErrors { get; } = [];

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    // Set after "Preview": the address of the blog in the chosen theme, shown in a frame.
    public string? PreviewAddress { get; private set; }

    public async Task<IActionResult> OnGetAsync(string blog, int? saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        var b = await db.Blogs.AsNoTracking().SingleAsync(x => x.Id == Access.Blog.Id, cancellationToken);
        Form = new AppearanceForm
        {
            Theme = b.Theme,
            Scheme = b.ColorScheme,
            HeaderImageId = b.HeaderImageId,
            LogoImageId = b.LogoImageId,
            FaviconImageId = b.FaviconImageId,
            CustomCss = b.CustomCss,
        };
        Saved = saved == 1;
        await LoadImagesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!Valid())
        {
            return BadRequest();
        }
        // The frame shows the blog on this host (where the owner is signed in), not on its own domain.
        PreviewAddress = $"/{Access.Blog.Handle}?{ThemePreview.ThemeParameter}={Form.Theme}&{ThemePreview.SchemeParameter}={Form.Scheme}";
        await LoadImagesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string blog, CancellationToken cancellationToken)
    {
        if (await LoadAsync(blog, cancellationToken) is { } failure)
        {
            return failure;
        }
        if (!Valid())
        {
            return BadRequest();
        }
        var css = CustomCss.Filter(Form.CustomCss, Access.Blog.Handle);
        foreach (var problem in css.Problems)
        {
            CssErrors.Add(Describe(problem));
        }
        var chosen = new[] { Form.HeaderImageId, Form.LogoImageId, Form.FaviconImageId }.OfType<int>().Distinct().ToList();
        var pictures = await db.MediaFiles.AsNoTracking().Where(m => m.BlogId == Access.Blog.Id && chosen.Contains(m.Id) && m.Width > 0)
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        if (chosen.Any(id => !pictures.ContainsKey(id)))
        {
            // Another blog's picture, or one deleted since the form was shown: not this blog's to use.
            Error = Text["Admin.Appearance.UnknownImage"];
        }
        if (CssErrors.Count > 0 || Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadImagesAsync(cancellationToken);
            return Page();
        }
        var entity = await db.Blogs.SingleAsync(b => b.Id == Access.Blog.Id, cancellationToken);
        entity.Theme = Form.Theme!;
        entity.ColorScheme = Form.Scheme;
        entity.SetCustomCss((Form.CustomCss ?? "").ReplaceLineEndings("\n").Trim(), css.Served, css.Hash);
        var handle = Access.Blog.Handle;
        if (Form.HeaderImageId is { } header)
        {
            var (path, width, height) = Widest(handle, pictures[header], 1600);
            entity.SetHeaderImage(header, path, width, height);
        }
        else
        {
            entity.SetHeaderImage(null, null, 0, 0);
        }
        entity.SetLogo(Form.LogoImageId, Form.LogoImageId is { } logo ? MediaLibrary.ThumbnailOf(handle, pictures[logo].StoredName, pictures[logo].Width) : null);
        entity.SetFavicon(Form.FaviconImageId, Form.FaviconImageId is { } icon ? MediaLibrary.ThumbnailOf(handle, pictures[icon].StoredName, pictures[icon].Width) : null);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/admin/{handle}/appearance?saved=1");
    }

    // The picture's copy of at most `maxWidth` pixels (its original when it is no wider), with that copy's height.
    private (string Path, int Width, int Height) Widest(string handle, MediaFile file, int maxWidth)
    {
        if (file.Width <= maxWidth || file.Animated)
        {
            return (MediaLibrary.PathOf(handle, file.StoredName), file.Width, file.Height);
        }
        var width = mediaOptions.Value.CopyWidths.Where(w => w <= maxWidth && w < file.Width).DefaultIfEmpty(0).Max();
        return width == 0
            ? (MediaLibrary.PathOf(handle, file.StoredName), file.Width, file.Height)
            : (MediaLibrary.PathOf(handle, MediaLibrary.CopyName(file.StoredName, width)), width, (int)Math.Round((double)file.Height * width / file.Width));
    }

    // A theme or scheme the form never offers is a forged request, not a mistake to explain.
    private bool Valid() => ModelState.IsValid && BlogThemes.IsKnown(Form.Theme) && Enum.IsDefined(Form.Scheme);

    public string Describe(CssProblem problem)
    {
        var message = Text["Admin.Appearance.Css." + problem.Kind, problem.Kind == CssProblemKind.TooLong ? Text.Number(BlogThemes.CustomCssMaxLength) : problem.Detail];
        return problem.Line > 0 ? Text["Admin.Appearance.Css.Line", Text.Number(problem.Line), message] : message;
    }

    private async Task LoadImagesAsync(CancellationToken cancellationToken)
    {
        Images = await media.ChoicesAsync(Access.Blog.Id, null, ChoiceCount, cancellationToken);
        foreach (var id in new[] { Form.HeaderImageId, Form.LogoImageId, Form.FaviconImageId }.OfType<int>().Where(id => Images.All(i => i.Id != id)))
        {
            Images.AddRange(await media.ChoicesAsync(Access.Blog.Id, id, 1, cancellationToken));
        }
        Images = Images.DistinctBy(i => i.Id).ToList();
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
        Chrome(Text["Admin.Appearance"]);
        return null;
    }
}
