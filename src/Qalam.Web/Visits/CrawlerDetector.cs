using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qalam.Visits;

// Robot patterns come from the maintained npm package crawler-user-agents, embedded at build time.
public sealed class CrawlerDetector
{
    private const int CacheLimit = 20_000;
    private const int LongestUserAgentExamined = 512;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    // One matcher per process: compiling and JIT-compiling ~1,500 alternatives costs about a second of CPU.
    private static readonly Lazy<Matcher> Shared = new(Build);

    private readonly Matcher _matcher;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    // Kept apart because ConcurrentDictionary.Count takes every lock of the dictionary: under load, with every
    // reader bringing a new User-Agent, asking it on each request made the requests queue behind one another.
    private int _seenCount;

    public CrawlerDetector() => _matcher = Shared.Value;

    public int PatternCount => _matcher.PatternCount;

    // Trying all the patterns as one regular expression costs about 4 ms per User-Agent: fine for the few robots,
    // ruinous when every reader brings a new User-Agent. Nearly every pattern contains a literal run of characters
    // that any match must contain ("Googlebot", "crawler"), so a User-Agent containing none of those runs (one
    // vectorized multi-string search, under a microsecond) can only match the few patterns without one. Only
    // User-Agents that contain a run go through the full expression, which is exact.
    private sealed record Matcher(Regex All, SearchValues<string> Literals, Regex WithoutLiteral, int PatternCount)
    {
        public bool IsMatch(string userAgent) =>
            userAgent.AsSpan().IndexOfAny(Literals) >= 0 ? All.IsMatch(userAgent) : WithoutLiteral.IsMatch(userAgent);
    }

    private static Matcher Build()
    {
        var patterns = LoadPatterns();
        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        var literals = patterns.Select(RequiredLiteral).ToList();
        var withoutLiteral = patterns.Where((_, i) => literals[i] is null).ToList();
        var matcher = new Matcher(
            new Regex(Alternation(patterns), options, MatchTimeout),
            SearchValues.Create([.. literals.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase),
            new Regex(withoutLiteral.Count == 0 ? "(?!)" : Alternation(withoutLiteral), options, MatchTimeout),
            patterns.Count);
        WarmUp(matcher.All);
        WarmUp(matcher.WithoutLiteral);
        return matcher;
    }

    private static string Alternation(IEnumerable<string> patterns) => string.Join('|', patterns.Select(p => $"(?:{p})"));

    // The longest run of plain characters outside any group, class or alternation that every match must contain,
    // or null when the pattern has none of at least three characters. A character made optional by ?, * or {…}
    // is cut off its run; escaped punctuation counts as itself; \d, \b and the like end a run.
    private static string? RequiredLiteral(string pattern)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        void End()
        {
            if (run.Length > 0)
            {
                runs.Add(run.ToString());
                run.Clear();
            }
        }
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (depth > 0)
            {
                switch (c)
                {
                    case '\\':
                        i++;
                        break;
                    case '(':
                        depth++;
                        break;
                    case ')':
                        depth--;
                        break;
                }
                continue;
            }
            switch (c)
            {
                case '|':
                    return null;
                case '(':
                    End();
                    depth++;
                    break;
                case '[':
                    End();
                    while (i < pattern.Length && pattern[i] != ']')
                    {
                        i += pattern[i] == '\\' ? 2 : 1;
                    }
                    break;
                case '?' or '*' or '{':
                    if (run.Length > 0)
                    {
                        run.Length--;
                    }
                    End();
                    while (c == '{' && i < pattern.Length && pattern[i] != '}')
                    {
                        i++;
                    }
                    break;
                case '+' or '.' or '^' or '$':
                    End();
                    break;
                case '\\' when i + 1 < pattern.Length && !char.IsLetterOrDigit(pattern[i + 1]):
                    run.Append(pattern[++i]);
                    break;
                case '\\':
                    End();
                    i++;
                    break;
                default:
                    run.Append(c);
                    break;
            }
        }
        End();
        var longest = runs.MaxBy(r => r.Length);
        return longest is { Length: >= 3 } ? longest : null;
    }

    public bool IsRobot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }
        if (_seen.TryGetValue(userAgent, out var known))
        {
            return known;
        }
        bool isRobot;
        try
        {
            var examined = userAgent.Length > LongestUserAgentExamined ? userAgent[..LongestUserAgentExamined] : userAgent;
            isRobot = _matcher.IsMatch(examined);
        }
        catch (RegexMatchTimeoutException)
        {
            // Most likely a User-Agent crafted to make the patterns backtrack, but a starved machine can time out
            // too: do not count this view, and do not remember the verdict.
            return true;
        }
        if (_seen.TryAdd(userAgent, isRobot) && Interlocked.Increment(ref _seenCount) > CacheLimit)
        {
            _seen.Clear();
            Interlocked.Exchange(ref _seenCount, 0);
        }
        return isRobot;
    }

    // The first match JIT-compiles the generated matcher, and the time limit counts that too: on a busy machine it
    // can take longer than the limit. Pay it here, retrying, rather than in a reader's request.
    private static void WarmUp(Regex robots)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                robots.IsMatch("Mozilla/5.0 (X11; Linux x86_64) warm-up");
                return;
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
    }

    private static List<string> LoadPatterns()
    {
        using var stream = typeof(CrawlerDetector).Assembly.GetManifestResourceStream("Qalam.Visits.crawler-user-agents.json")
            ?? throw new InvalidOperationException("The crawler-user-agents list is not embedded; run the build, which installs it from npm.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray()
            .Select(entry => entry.GetProperty("pattern").GetString())
            .OfType<string>()
            .ToList();
    }
}
