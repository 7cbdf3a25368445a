namespace Qalam.Tests.Infrastructure;

// A test class whose tests each get their own app and database: for settings the shared app must not have, or a
// clock a test moves. Subclasses give their settings through Settings().
public abstract class WithOwnApp : IAsyncLifetime
{
    protected QalamApp App { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string>? Settings() => null;

    public virtual async Task InitializeAsync()
    {
        App = new QalamApp(await TestDatabase.CreateAsync(), settings: Settings());
        _ = App.Server;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}
