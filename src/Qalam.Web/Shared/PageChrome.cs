using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Shared;

// What the layout needs from a page: the page's language (the blog's, or the reader's on site-wide pages),
// its title, and the blog whose header to show.
public sealed record PageChrome(string Language, string Title, BlogView? Blog = null, string? Description = null)
{
    private const string Key = "Qalam.PageChrome";

    public string Direction => Languages.DirectionOf(Language);

    public UiText Text => UiText.For(Language);

    public static PageChrome Of(ViewDataDictionary viewData) =>
        viewData[Key] as PageChrome ?? new PageChrome(ReaderLanguage(), UiText.For(ReaderLanguage())["Site.Name"]);

    public void ApplyTo(ViewDataDictionary viewData) => viewData[Key] = this;

    // Site-wide pages (the list of blogs, errors outside any blog) follow the reader's Accept-Language.
    public static string ReaderLanguage() =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.Persian ? Languages.Persian : Languages.English;
}
