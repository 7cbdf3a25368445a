using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qalam.Visits;

// Robot patterns come from the maintained npm package crawler-user-agents, embedded at build time.
public sealed class CrawlerDetector
{
    private const int CacheLimit = 20_000;
    private const int LongestUserAgentExamined = 512;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    // One compiled matcher per process: compiling and JIT-compiling ~1,500 alternatives costs about a second of CPU.
    private static readonly Lazy<(Regex Matcher, int Count)> Shared = new(Build);

    private readonly Regex _robots;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    public CrawlerDetector() => (_robots, PatternCount) = Shared.Value;

    public int PatternCount { get; }

    private static (Regex, int) Build()
    {
        var patterns = LoadPatterns();
        var robots = new Regex(string.Join('|', patterns.Select(p => $"(?:{p})")),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        WarmUp(robots);
        return (robots, patterns.Count);
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
            isRobot = _robots.IsMatch(examined);
        }
        catch (RegexMatchTimeoutException)
        {
            // Most likely a User-Agent crafted to make the patterns backtrack, but a starved machine can time out
            // too: do not count this view, and do not remember the verdict.
            return true;
        }
        if (_seen.Count >= CacheLimit)
        {
            _seen.Clear();
        }
        _seen[userAgent] = isRobot;
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
