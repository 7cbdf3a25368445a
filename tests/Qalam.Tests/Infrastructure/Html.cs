using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Qalam.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static string Text(this IElement? element) =>
        element?.TextContent is { } text ? string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "";

    // Posts a form the way a browser would: the page's own hidden fields (such as an antiforgery token) plus the given values.
    // A form without an action posts back to the page's own address, given as `pagePath`.
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IDocument page, string formSelector,
        IDictionary<string, string> values, string? pagePath = null)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector}.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }
        return await client.PostAsync(form.GetAttribute("action") ?? pagePath, new FormUrlEncodedContent(fields));
    }

    // Posts to an address of the caller's choosing with the anti-forgery token of a page they were shown: what an
    // attacker with an account does to reach a handler with someone else's ids.
    public static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, IDocument page, string path) =>
        client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException("The page has no anti-forgery token."),
        }));
}
