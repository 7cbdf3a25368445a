namespace Qalam.Cli;

// What a verb's action runs against. The verbs are built before the host (the program tells a verb from the site's own
// arguments by them), so an action reaches the host's services only when it runs.
public sealed class CliHost
{
    private IServiceProvider? _services;

    public IServiceProvider Services
    {
        get => _services ?? throw new InvalidOperationException("The verb ran before the host was built.");
        set => _services = value;
    }
}

// A failure the person at the terminal can act on; its message is the one line printed on stderr.
public sealed class CliException(string message) : Exception(message);
