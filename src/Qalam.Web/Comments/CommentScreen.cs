using System.Text.RegularExpressions;

namespace Qalam.Comments;

public enum ScreenVerdict
{
    Publish,
    Hold,
    Spam,
}

// One reason a comment was held or sent to spam, shown to moderators in their language (Admin.Reason.{Code}).
public sealed record CommentReason(string Code, string? Detail = null)
{
    public const string BlockedWord = "BlockedWord";
    public const string BlockedAddress = "BlockedAddress";
    public const string BlockedDomain = "BlockedDomain";
    public const string Links = "Links";
    public const string FilterSpam = "FilterSpam";
    public const string FilterUnsure = "FilterUnsure";
    public const string HoldAll = "HoldAll";
    public const string FirstTime = "FirstTime";
    public const string NoEmail = "NoEmail";

    // Stored one per line as "Code" or "Code=detail"; a detail is what the reader wrote, cut short.
    public static string? Format(IReadOnlyList<CommentReason> reasons)
    {
        if (reasons.Count == 0)
        {
            return null;
        }
        var text = string.Join('\n', reasons.Select(r => r.Detail is null ? r.Code : $"{r.Code}={Clean(r.Detail)}"));
        return text.Length > Comment.ReasonsMaxLength ? text[..Comment.ReasonsMaxLength] : text;
    }

    public static IReadOnlyList<CommentReason> Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? []
            : [.. stored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=', 2) is [var code, var detail]
                ? new CommentReason(code, detail) : new CommentReason(line))];

    private static string Clean(string detail)
    {
        var oneLine = detail.ReplaceLineEndings(" ");
        return oneLine.Length > 100 ? oneLine[..100] : oneLine;
    }
}

public sealed record ScreenResult(ScreenVerdict Verdict, IReadOnlyList<CommentReason> Reasons);

// The layers that look at what a comment says and who sent it: the blog's block list (→ spam), too many links
// (→ held), and the learning filter's score (→ spam or held). Each layer adds its reason; the strictest verdict wins.
// The layers that refuse a comment outright (honeypot, form time, rate limits, duplicates) are in CommentSubmitter.
public static partial class CommentScreen
{
    public static ScreenResult Screen(Blocklist blocklist, int maxLinks, double? filterScore, CommentOptions options,
        string name, string? email, string? website, string body, string? address)
    {
        var reasons = new List<CommentReason>();
        var verdict = ScreenVerdict.Publish;
        void Add(ScreenVerdict v, CommentReason reason)
        {
            reasons.Add(reason);
            verdict = (ScreenVerdict)Math.Max((int)verdict, (int)v);
        }

        if (blocklist.MatchWord(string.Join('\n', name, email, website, body)) is { } word)
        {
            Add(ScreenVerdict.Spam, new CommentReason(CommentReason.BlockedWord, word));
        }
        if (blocklist.MatchAddress(address) is { } range)
        {
            Add(ScreenVerdict.Spam, new CommentReason(CommentReason.BlockedAddress, range));
        }
        if (blocklist.MatchDomain(email) is { } domain)
        {
            Add(ScreenVerdict.Spam, new CommentReason(CommentReason.BlockedDomain, domain));
        }
        var links = CountLinks(body);
        if (links > maxLinks)
        {
            Add(ScreenVerdict.Hold, new CommentReason(CommentReason.Links, links.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (filterScore is { } score)
        {
            var percent = ((int)Math.Round(score * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (score >= options.FilterSpamScore)
            {
                Add(ScreenVerdict.Spam, new CommentReason(CommentReason.FilterSpam, percent));
            }
            else if (score >= options.FilterHoldScore)
            {
                Add(ScreenVerdict.Hold, new CommentReason(CommentReason.FilterUnsure, percent));
            }
        }
        return new ScreenResult(verdict, reasons);
    }

    // Markdown links, autolinks and bare addresses all become links when rendered; each address counts once.
    public static int CountLinks(string body) => LinkPattern().Count(body);

    [GeneratedRegex(@"(?:https?://|www\.|mailto:)[^\s<>()\[\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
