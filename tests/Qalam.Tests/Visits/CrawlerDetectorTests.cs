using System.Text.Json;
using Qalam.Visits;

namespace Qalam.Tests.Visits;

public sealed class CrawlerDetectorTests
{
    [Fact]
    public void Every_example_User_Agent_of_the_crawler_list_is_a_robot_and_ordinary_browsers_are_not()
    {
        using var list = JsonDocument.Parse(File.ReadAllText(Repo.Path("src", "Qalam.Web", "node_modules", "crawler-user-agents", "crawler-user-agents.json")));
        var examples = list.RootElement.EnumerateArray()
            .SelectMany(e => e.TryGetProperty("instances", out var instances) ? instances.EnumerateArray().Select(i => i.GetString()!) : [])
            .ToList();
        var detector = new CrawlerDetector();

        var missed = examples.Where(ua => !detector.IsRobot(ua)).ToList();

        Assert.True(examples.Count > 1000, $"expected the package's examples, found {examples.Count}");
        Assert.Empty(missed);
        Assert.False(detector.IsRobot(Browsers.Firefox));
        Assert.False(detector.IsRobot(Browsers.Safari));
        Assert.False(detector.IsRobot("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36"));
        Assert.All(Enumerable.Range(0, 500), i => Assert.False(detector.IsRobot(Browsers.Distinct(i))));
    }
}
