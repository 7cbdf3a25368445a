using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Qalam.Visits;

namespace Qalam.Bench;

// Deciding whether a never-seen browser User-Agent is a robot, the work every new reader brings to the counter:
// all crawler patterns as one compiled expression (the first version) beside CrawlerDetector (literal pre-filter).
[MemoryDiagnoser]
public class CrawlerBenchmarks
{
    private const int UserAgents = 50;

    private Regex _all = null!;
    private string[] _agents = null!;

    [GlobalSetup]
    public void Setup()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "crawler-user-agents.json");
        using var document = JsonDocument.Parse(File.ReadAllText(list));
        var patterns = document.RootElement.EnumerateArray().Select(e => e.GetProperty("pattern").GetString()!);
        _all = new Regex(string.Join('|', patterns.Select(p => $"(?:{p})")), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _agents = [.. Enumerable.Range(0, UserAgents).Select(i => $"Mozilla/5.0 (X11; Linux x86_64; rv:1.{i}) Gecko/20100101 Firefox/132.0")];
        _all.IsMatch(_agents[0]);
        new CrawlerDetector().IsRobot("warm-up");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = UserAgents)]
    public int OneExpression()
    {
        var robots = 0;
        foreach (var agent in _agents)
        {
            robots += _all.IsMatch(agent) ? 1 : 0;
        }
        return robots;
    }

    // A new detector each time, so that no verdict comes from its per-User-Agent cache.
    [Benchmark(OperationsPerInvoke = UserAgents)]
    public int LiteralPreFilter()
    {
        var detector = new CrawlerDetector();
        var robots = 0;
        foreach (var agent in _agents)
        {
            robots += detector.IsRobot(agent) ? 1 : 0;
        }
        return robots;
    }
}
