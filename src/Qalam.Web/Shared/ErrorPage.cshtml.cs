using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qalam.Localization;

namespace Qalam.Shared;

[IgnoreAntiforgeryToken]
public sealed class ErrorPageModel : PageModel
{
    public UiText Text { get; private set; } = UiText.English;

    public void OnGet() => Prepare();

    public void OnPost() => Prepare();

    private void Prepare()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Text = UiText.For(PageChrome.ReaderLanguage());
        new PageChrome(Text.Language, Text["Error.Title"]).ApplyTo(ViewData);
    }
}
