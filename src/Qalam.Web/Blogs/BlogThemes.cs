namespace Qalam.Blogs;

// The built-in themes: each is a style sheet of its own over the shared one (wwwroot/css/themes/{name}.css); the
// markup is the same for all, so a theme never changes what a page says, only how it looks.
public static class BlogThemes
{
    public const string Quiet = "quiet";
    public const string Magazine = "magazine";
    public const string Personal = "personal";

    public const string Default = Quiet;

    public static readonly IReadOnlyList<string> Names = [Quiet, Magazine, Personal];

    public const int NameMaxLength = 20;

    // What an owner may type as their own style sheet, in characters.
    public const int CustomCssMaxLength = 50_000;

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name);
}

// What the reader pages need of a blog's look.
public sealed record BlogLook(string Theme, ColorScheme Scheme, string? CustomCssHash, string? HeaderImagePath, int HeaderImageWidth,
    int HeaderImageHeight, string? LogoPath, string? FaviconPath)
{
    public static readonly BlogLook Plain = new(BlogThemes.Default, ColorScheme.Auto, null, null, 0, 0, null, null);

    // Stored names are checked on the way in; an unknown one (a theme removed since) falls back to the default.
    public string ThemeSheet => "/css/themes/" + (BlogThemes.IsKnown(Theme) ? Theme : BlogThemes.Default) + ".css";

    // data-scheme on <html>: "auto" follows the reader's device (Razor writes data- attributes even when null).
    public string SchemeAttribute => Scheme switch
    {
        ColorScheme.Light => "light",
        ColorScheme.Dark => "dark",
        _ => "auto",
    };
}
