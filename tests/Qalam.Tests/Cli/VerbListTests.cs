using Qalam.App;
using Qalam.Cli;

namespace Qalam.Tests.Cli;

// The program decides by its first argument whether to run a verb or serve the site. The verbs come from their
// features (QalamCli.Verbs) and the decision is derived from them, so this checks the public contract's verbs are there
// and that the site's own arguments still start the site.
public sealed class VerbListTests
{
    [Fact]
    public void The_public_contracts_verbs_are_run_as_verbs_and_the_sites_arguments_are_not()
    {
        var verbs = QalamCli.Verbs(new CliHost()).ToDictionary(c => c.Name);
        string[][] contract = [["users", "create"], ["tokens", "create"], ["blogs", "create"], ["import", "wordpress"], ["import", "markdown"],
            ["export", "wordpress"], ["reindex"], ["migrate"]];
        foreach (var path in contract)
        {
            Assert.True(verbs.TryGetValue(path[0], out var verb), $"`qalam {path[0]}` is missing");
            Assert.True(QalamCli.Handles([path[0]]), $"`qalam {path[0]}` would start the web site");
            Assert.All(path.Skip(1), sub => Assert.Contains(verb!.Subcommands, c => c.Name == sub));
        }
        Assert.Equal(verbs.Count, QalamCli.Verbs(new CliHost()).Count());
        Assert.False(QalamCli.Handles(["--urls"]));
        Assert.False(QalamCli.Handles([]));
    }
}
