using Qalam.Storage;

namespace Qalam.Tests.Signup;

// The operator changes sign-up in the operator area, and the sign-up page follows at once; configuration is only the
// starting point.
public sealed class SignupSettingsTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings)
    {
        settings["Signup:AddressLimit"] = "1000";
    }

    private static Dictionary<string, string> Form(string email) => new()
    {
        ["Form.Email"] = email,
        ["Form.Password"] = "a long enough passphrase",
        ["Form.Handle"] = "s" + Guid.NewGuid().ToString("N")[..8],
        ["Form.Title"] = "Mine",
        ["Form.Language"] = "en",
    };

    private static async Task SaveAsync(HttpClient client, string mode, string disposable)
    {
        var page = await client.GetPageAsync("/admin/operator");
        Assert.Equal("Open", page.QuerySelector("input[name=mode][checked]")?.GetAttribute("value") ?? "Open");
        using var saved = await client.SubmitAsync(page, "form[action*='handler=Signup']", new Dictionary<string, string> { ["mode"] = mode, ["disposable"] = disposable });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task The_operator_closes_sign_up_opens_it_by_invitation_and_adds_throwaway_domains_from_the_operator_area()
    {
        var operatorClient = await App.SignedInAsync(await App.Seed.UserAsync(InstallRole.Owner));
        var stranger = App.Reader();
        var form = await stranger.GetPageAsync("/signup");
        Assert.NotNull(form.QuerySelector("form.panel"));

        await SaveAsync(operatorClient, "Off", "");
        Assert.Null((await stranger.GetPageAsync("/signup")).QuerySelector("form.panel"));
        using (var closed = await stranger.SubmitAsync(form, "form.panel", Form("late@example.org"), "/signup"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        }

        var page = await operatorClient.GetPageAsync("/admin/operator");
        Assert.Equal("Off", page.QuerySelector("input[name=mode][checked]")!.GetAttribute("value"));
        using (var saved = await operatorClient.SubmitAsync(page, "form[action*='handler=Signup']", new Dictionary<string, string>
        {
            ["mode"] = "Invitation",
            ["disposable"] = "@Burner.Example\nother.example",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var after = await operatorClient.GetPageAsync("/admin/operator");
        Assert.Equal("burner.example\nother.example", after.QuerySelector("#signup-disposable")!.TextContent.Trim());
        Assert.NotNull(after.QuerySelector("#invite-heading"));

        var invitationForm = await stranger.GetPageAsync("/signup");
        Assert.NotNull(invitationForm.QuerySelector("#invitation"));
        using var refused = await stranger.SubmitAsync(invitationForm, "form.panel", Form("someone@burner.example"), "/signup");
        var errors = Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelectorAll(".field-error").Select(e => e.Text()).ToList();
        Assert.Contains(errors, e => e.Contains("throwaway", StringComparison.OrdinalIgnoreCase) || e.Contains("disposable", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(errors, e => e.Contains("invitation", StringComparison.OrdinalIgnoreCase));

        // Someone who only owns a blog cannot change sign-up.
        var owner = await App.SignedInAsync(await App.Seed.UserAsync());
        using var denied = await owner.PostAsync("/admin/operator?handler=Signup", new FormUrlEncodedContent(new Dictionary<string, string> { ["mode"] = "Open" }));
        Assert.True(denied.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, denied.StatusCode.ToString());
    }
}
