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

// An app of its own that sends mail to a real SMTP server on loopback, started before the app (which is given its
// address) and stopped after it. Subclasses add their settings to the mail settings.
public abstract class WithOwnAppAndMail : WithOwnApp
{
    protected TestMailServer Mail { get; } = TestMailServer.Start();

    protected virtual void AddSettings(Dictionary<string, string> settings)
    {
    }

    protected sealed override IReadOnlyDictionary<string, string> Settings()
    {
        var settings = Mail.Settings;
        AddSettings(settings);
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
