using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qalam.Blogs;
using Qalam.Storage;
using Qalam.Text;

namespace Qalam.Comments;

// A naive Bayes filter per blog, taught only by its moderators' decisions (approve = good, spam = spam). Tokens are
// folded words (TextFolding: Persian and Arabic letter forms, ZWNJ, diacritics, case), the hosts of links and the
// sender's email domain. A message is scored from its most telling tokens with Graham's combination and Robinson's
// correction for rare tokens. It never deletes: a high score sends a comment to the spam folder, a middling one holds it.
public sealed partial class SpamFilter(QalamDb db, IOptions<CommentOptions> options)
{
    private const int TellingTokens = 15;
    private const int MaxTokens = 300;

    public static IReadOnlyList<string> Tokens(string body, string? email, string? website)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextFolding.Words(body))
        {
            if (word.Length is >= 2 and <= SpamToken.TokenMaxLength)
            {
                tokens.Add(word);
            }
        }
        foreach (Match link in HostPattern().Matches(body))
        {
            tokens.Add(Short("host:" + link.Groups[1].Value.ToLowerInvariant()));
        }
        if (website is not null && Uri.TryCreate(website, UriKind.Absolute, out var site))
        {
            tokens.Add(Short("site:" + site.Host));
        }
        if (email is not null && email.LastIndexOf('@') is var at and >= 0)
        {
            tokens.Add(Short("mail:" + email[(at + 1)..]));
        }
        return [.. tokens.Take(MaxTokens)];
    }

    // Null until the blog's moderators have taught enough of both kinds.
    public async Task<double?> ScoreAsync(int blogId, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        var lessons = await db.Blogs.AsNoTracking().Where(b => b.Id == blogId)
            .Select(b => new { b.SpamLessons, b.HamLessons }).SingleAsync(cancellationToken);
        var minimum = options.Value.FilterMinimumLessons;
        if (lessons.SpamLessons < minimum || lessons.HamLessons < minimum)
        {
            return null;
        }
        var known = await db.SpamTokens.AsNoTracking()
            .Where(t => t.BlogId == blogId && tokens.Contains(t.Token))
            .Select(t => new { t.Spam, t.Ham })
            .ToListAsync(cancellationToken);
        return Score(known.Select(k => (k.Spam, k.Ham)), lessons.SpamLessons, lessons.HamLessons);
    }

    public static double Score(IEnumerable<(int Spam, int Ham)> counts, int spamLessons, int hamLessons)
    {
        var probabilities = counts
            .Where(c => c.Spam + c.Ham > 0)
            .Select(c =>
            {
                var spamRate = (double)c.Spam / spamLessons;
                var hamRate = (double)c.Ham / hamLessons;
                var p = spamRate / (spamRate + hamRate);
                // Robinson: a token seen n times is pulled toward 0.5 with the weight of one sighting.
                var n = c.Spam + c.Ham;
                return Math.Clamp((0.5 + n * p) / (1 + n), 0.01, 0.99);
            })
            .OrderByDescending(p => Math.Abs(p - 0.5))
            .Take(TellingTokens)
            .ToList();
        if (probabilities.Count == 0)
        {
            return 0.5;
        }
        var logSpam = probabilities.Sum(Math.Log);
        var logHam = probabilities.Sum(p => Math.Log(1 - p));
        return 1 / (1 + Math.Exp(logHam - logSpam));
    }

    // Adds (or with -1 takes back) one lesson. A single statement per table, so concurrent lessons add up.
    public async Task TeachAsync(int blogId, IReadOnlyList<string> tokens, int spam, int ham, CancellationToken cancellationToken)
    {
        if (tokens.Count > 0)
        {
            var sql = new StringBuilder("INSERT INTO spam_tokens (blog_id, token, spam, ham) VALUES ");
            var parameters = new List<object> { blogId, spam, ham };
            for (var i = 0; i < tokens.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"({{0}}, {{{i + 3}}}, {{1}}, {{2}})");
                parameters.Add(tokens[i]);
            }
            sql.Append(" ON CONFLICT (blog_id, token) DO UPDATE SET spam = spam_tokens.spam + excluded.spam, ham = spam_tokens.ham + excluded.ham");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
        await db.Blogs.Where(b => b.Id == blogId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.SpamLessons, b => b.SpamLessons + spam)
            .SetProperty(b => b.HamLessons, b => b.HamLessons + ham), cancellationToken);
    }

    private static string Short(string token) => token.Length > SpamToken.TokenMaxLength ? token[..SpamToken.TokenMaxLength] : token;

    [GeneratedRegex(@"(?:https?://|www\.)([^\s/<>()\[\]:?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex HostPattern();
}
