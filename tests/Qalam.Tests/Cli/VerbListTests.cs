using Qalam.Cli;

namespace Qalam.Tests.Cli;

// The program decides by its first argument whether to run a verb or serve the site; a verb missing from that list
// would start a web server when an operator's script calls it.
[Collection(SharedAppCollection.Name)]
public sealed class VerbListTests(SharedApp shared)
{
    [Fact]
    public void Every_command_line_verb_is_run_as_a_verb_and_not_served()
    {
        var names = CliCommands.All(shared.App.Services).Select(c => c.Name).ToList();
        Assert.Contains("invitations", names);
        Assert.All(names, name => Assert.True(QalamCli.Handles([name]), $"`qalam {name}` would start the web site"));
        Assert.False(QalamCli.Handles(["--urls"]));
    }
}
