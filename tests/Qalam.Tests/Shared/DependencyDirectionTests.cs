using System.Text.RegularExpressions;

namespace Qalam.Tests.Shared;

// Dependencies between the namespaces of src/Qalam.Web go one way. The direction is written down once, as the table of
// layers in docs/architecture.md ("Dependency direction"), which this test reads: a namespace may use its own layer
// and the layers below it, never one above, and no group of namespaces may use each other in a circle.
public sealed partial class DependencyDirectionTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(App.QalamHost).Assembly.Location);

    [Fact]
    public void No_namespaces_use_each_other_in_a_circle()
    {
        var cycles = Graph.Cycles();
        Assert.True(cycles.Count == 0, "Namespaces that use each other in a circle:\n" + string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void Every_namespace_has_a_layer_and_uses_only_its_own_or_lower_ones()
    {
        var layers = Layers();
        Assert.Empty(Graph.Namespaces.Where(n => !layers.ContainsKey(n)).Order());
        var upward = Graph.Edges
            .SelectMany(from => from.Value.Where(to => layers[to.Key] < layers[from.Key]).Select(to => $"{from.Key} -> {to.Key}: {to.Value}"))
            .Order().ToList();
        Assert.True(upward.Count == 0, "Dependencies against the direction in docs/architecture.md:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void The_layer_table_names_only_namespaces_that_exist()
    {
        Assert.Empty(Layers().Keys.Where(n => !Graph.Namespaces.Contains(n)).Order());
    }

    // Layer 1 is the top. Rows look like: | 2 | `Reading`, `Operator` | what they are |
    private static Dictionary<string, int> Layers()
    {
        var text = File.ReadAllText(Repo.Path("docs", "architecture.md"));
        var table = text[text.IndexOf("<!-- layers:begin -->", StringComparison.Ordinal)..text.IndexOf("<!-- layers:end -->", StringComparison.Ordinal)];
        var layers = new Dictionary<string, int>();
        foreach (Match row in Row().Matches(table))
        {
            foreach (Match name in Name().Matches(row.Groups["names"].Value))
            {
                Assert.True(layers.TryAdd(name.Groups[1].Value, int.Parse(row.Groups["layer"].Value)), $"{name.Value} is in two layers");
            }
        }
        Assert.NotEmpty(layers);
        return layers;
    }

    private static string Describe(IReadOnlyList<string> cycle) =>
        string.Join("\n", cycle.SelectMany(from => Graph.Edges.GetValueOrDefault(from)?.Where(to => cycle.Contains(to.Key))
            .Select(to => $"  {from} -> {to.Key}: {to.Value}") ?? []));

    [GeneratedRegex(@"^\|\s*(?<layer>\d+)\s*\|(?<names>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Name();
}
