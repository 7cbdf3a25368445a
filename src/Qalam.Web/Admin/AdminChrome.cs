using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Localization;

namespace Qalam.Admin;

// What the admin layout needs: the person's language, the page title, and the blog being managed, if any.
public sealed record AdminChrome(string Language, string Title, string? UserName = null, BlogAccess? Access = null)
{
    private const string Key = "Qalam.AdminChrome";

    public string Direction => Languages.DirectionOf(Language);

    public UiText Text => UiText.For(Language);

    public BlogView? Blog => Access?.Blog;

    public static AdminChrome Of(ViewDataDictionary viewData) =>
        viewData[Key] as AdminChrome ?? new AdminChrome(Languages.English, "Qalam");

    public void ApplyTo(ViewDataDictionary viewData) => viewData[Key] = this;
}
