using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Qalam.Blogs;
using Qalam.Localization;
using Qalam.Mail;
using Qalam.Posts;

namespace Qalam.Subscriptions;

public sealed record MailedPost(int Id, string Title, string Slug, string Language, string BodyHtml, string Excerpt, DateTime PublishedAt,
    FeaturedImage? Featured = null);

// The mail subscribers get: a post, or a week's posts, in the blog's look, language and direction, as HTML with a
// plain-text twin. Styles are inline (mail programs drop style sheets); links are absolute; the unsubscribe address
// is left as SharedMailBody.UnsubscribeMark for the sender to fill in per recipient.
public static class SubscriberMail
{
    private const string Ink = "#2b2521";
    private const string Accent = "#8a3b12";
    private const int MailImageWidth = 1280;

    public static SharedMailBody Post(BlogView blog, MailedPost post, SiteAddress site, DateTime now)
    {
        var text = UiText.For(blog.Language);
        var url = site.Post(blog.Handle, post.Slug);
        var date = BlogDates.Format(post.PublishedAt, blog);
        var plain = new StringBuilder()
            .AppendLine(post.Title)
            .AppendLine(date)
            .AppendLine()
            .AppendLine(MarkdownRenderer.PlainText(post.BodyHtml))
            .AppendLine()
            .AppendLine(text["Subscribers.Mail.Comment"])
            .AppendLine(url + "#comments")
            .AppendLine()
            .AppendLine(text["Subscribers.Mail.Why", blog.Title])
            .AppendLine(text["Subscribers.Mail.Unsubscribe"] + " " + SharedMailBody.UnsubscribeMark)
            .ToString();
        var postDirection = Languages.DirectionOf(post.Language);
        // The featured image at twice the mail's width at most (sharp on phones' screens), as one picture.
        var featured = post.Featured?.AtMost(MailImageWidth) is var (path, width, height)
            ? $"""<img src="{E(site.Origin + path)}" alt="{E(post.Featured.Alt)}" width="{width}" height="{height}" style="display:block;width:100%;max-width:100%;height:auto;margin:0 0 16px;border-radius:6px">"""
            : "";
        var html = Frame(blog, text, $"""
            <article lang="{post.Language}" dir="{postDirection}" style="text-align:{Start(postDirection)}">
            {featured}
            <h1 style="font-size:24px;line-height:1.4;margin:0 0 4px"><a href="{E(url)}" style="color:{Ink};text-decoration:none">{E(post.Title)}</a></h1>
            <p style="color:#6b625a;margin:0 0 16px">{E(date)}</p>
            <div style="font-size:17px;line-height:1.8">{Absolute(post.BodyHtml, site.Origin, postDirection)}</div>
            </article>
            <p style="margin:24px 0"><a href="{E(url)}#comments" style="display:inline-block;background:{Accent};color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">{E(text["Subscribers.Mail.Comment"])}</a></p>
            """, Footer(blog, text));
        return new SharedMailBody(post.Title, plain, html, now);
    }

    public static SharedMailBody Digest(BlogView blog, IReadOnlyList<MailedPost> posts, SiteAddress site, DateTime now)
    {
        var text = UiText.For(blog.Language);
        var subject = text["Subscribers.Digest.Subject", blog.Title];
        var plain = new StringBuilder().AppendLine(subject).AppendLine();
        var items = new StringBuilder();
        foreach (var post in posts)
        {
            var url = site.Post(blog.Handle, post.Slug);
            var date = BlogDates.Format(post.PublishedAt, blog);
            plain.AppendLine(post.Title).AppendLine(date).AppendLine(post.Excerpt).AppendLine(url).AppendLine();
            var direction = Languages.DirectionOf(post.Language);
            items.Append($"""
                <li lang="{post.Language}" dir="{direction}" style="margin:0 0 20px;text-align:{Start(direction)}">
                <a href="{E(url)}" style="font-size:19px;color:{Ink};font-weight:bold">{E(post.Title)}</a>
                <div style="color:#6b625a;font-size:14px">{E(date)}</div>
                <div style="font-size:16px;line-height:1.7">{E(post.Excerpt)}</div>
                </li>
                """);
        }
        plain.AppendLine(text["Subscribers.Mail.Why", blog.Title])
            .AppendLine(text["Subscribers.Mail.Unsubscribe"] + " " + SharedMailBody.UnsubscribeMark);
        var html = Frame(blog, text, $"""
            <h1 style="font-size:22px;margin:0 0 16px">{E(subject)}</h1>
            <ul style="list-style:none;padding:0;margin:0">{items}</ul>
            """, Footer(blog, text));
        return new SharedMailBody(subject, plain.ToString(), html, now);
    }

    // The page around a mail's content: the blog's name as its header, in the blog's language and direction.
    public static string Frame(BlogView blog, UiText text, string content, string? footer)
    {
        var direction = Languages.DirectionOf(blog.Language);
        var font = blog.Language == Languages.Persian ? "Vazirmatn,Tahoma,sans-serif" : "Georgia,'Times New Roman',serif";
        return $"""
            <!DOCTYPE html>
            <html lang="{blog.Language}" dir="{direction}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(blog.Title)}</title></head>
            <body style="margin:0;background:#f3efe9;color:{Ink};font-family:{font}">
            <div style="max-width:640px;margin:0 auto;background:#fffdf9;text-align:{Start(direction)}">
            <div style="background:{Ink};color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">{E(blog.Title)}</div>
            <div style="padding:24px">
            {content}
            </div>
            {footer}
            </div>
            </body>
            </html>
            """;
    }

    private static string Footer(BlogView blog, UiText text) => $"""
        <div style="padding:16px 24px;border-top:1px solid #e4ddd3;color:#6b625a;font-size:14px">
        <p style="margin:0 0 8px">{E(text["Subscribers.Mail.Why", blog.Title])}</p>
        <p style="margin:0"><a href="{SharedMailBody.UnsubscribeMark}" style="color:{Accent}">{E(text["Subscribers.Mail.Manage"])}</a></p>
        </div>
        """;

    // The post's sanitized HTML with its addresses made absolute (a mail has no page to be relative to), images kept
    // within the mail's width.
    private static string Absolute(string html, string origin, string direction)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html);
        foreach (var element in document.Body!.QuerySelectorAll("[src], [href]"))
        {
            foreach (var name in new[] { "src", "href" })
            {
                if (element.GetAttribute(name) is { } value && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
                {
                    element.SetAttribute(name, origin + value);
                }
            }
        }
        // Mail programs mostly ignore srcset and may not resolve its relative addresses: the mail names one picture.
        foreach (var image in document.Body.QuerySelectorAll("img"))
        {
            foreach (var name in new[] { "srcset", "sizes", "loading", "decoding" })
            {
                image.RemoveAttribute(name);
            }
            image.SetAttribute("style", "max-width:100%;height:auto");
        }
        // Mail programs know physical sides only: the quotation's rule goes on the side the text starts from.
        foreach (var quote in document.Body.QuerySelectorAll("blockquote"))
        {
            quote.SetAttribute("style", $"margin:16px 0;padding:4px 16px;background:#f6f1ea;border-{Start(direction)}:4px solid {Accent}");
        }
        foreach (var code in document.Body.QuerySelectorAll("pre"))
        {
            code.SetAttribute("style", "direction:ltr;text-align:left;overflow-x:auto;background:#f6f1ea;padding:12px");
        }
        return document.Body.InnerHtml;
    }

    private static string Start(string direction) => direction == "rtl" ? "right" : "left";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
