using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Storage;

namespace Qalam.Tests.Signup;

// Signup:Mode=Invitation: the operator makes a one-time link in the operator area; the form needs its code, and a
// code admits one sign-up only.
public sealed class InvitationSignupTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings)
    {
        settings["Signup:Mode"] = "Invitation";
        settings["Signup:AddressLimit"] = "1000";
    }

    private static Dictionary<string, string> Form(string handle) => new()
    {
        ["Form.Email"] = $"{handle}@example.org",
        ["Form.Password"] = "a long enough passphrase",
        ["Form.Handle"] = handle,
        ["Form.Title"] = "Invited",
        ["Form.Language"] = "en",
    };

    private async Task<bool> AccountExistsAsync(string handle)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QalamDb>().Users.AnyAsync(u => u.Email == $"{handle}@example.org");
    }

    [Fact]
    public async Task Sign_up_needs_an_unused_invitation_from_the_operator_and_each_admits_one_person()
    {
        var stranger = App.Reader();
        var form = await stranger.GetPageAsync("/signup");
        var uninvited = "u" + Guid.NewGuid().ToString("N")[..8];
        using (var refused = await stranger.SubmitAsync(form, "form.panel", Form(uninvited), "/signup"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("not valid", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#invitation ~ .field-error").Text(), StringComparison.Ordinal);
        }
        Assert.False(await AccountExistsAsync(uninvited));

        var operatorClient = await App.SignedInAsync(await App.Seed.UserAsync(InstallRole.Owner));
        var area = await operatorClient.GetPageAsync("/admin/operator");
        using var made = await operatorClient.SubmitAsync(area, "form[action*='handler=Invite']", new Dictionary<string, string> { ["note"] = "Parvin" });
        var page = Html.Parse(await made.Content.ReadAsStringAsync());
        var link = new Uri(page.QuerySelector("#invite-heading ~ .notice .secret").Text());
        Assert.Contains("Unused invitations: 1", page.QuerySelector("#invite-heading + p").Text(), StringComparison.Ordinal);

        var invited = "i" + Guid.NewGuid().ToString("N")[..8];
        var invitedForm = await stranger.GetPageAsync(link.PathAndQuery);
        Assert.Equal(link.Query["?invitation=".Length..], invitedForm.QuerySelector("#invitation")!.GetAttribute("value"));
        using (var accepted = await stranger.SubmitAsync(invitedForm, "form.panel", Form(invited).With("Form.Invitation", invitedForm.QuerySelector("#invitation")!.GetAttribute("value")!), "/signup"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.NotNull(Html.Parse(await accepted.Content.ReadAsStringAsync()).QuerySelector(".notice"));
        }
        Assert.True(await AccountExistsAsync(invited));
        Assert.Single(await Mail.WaitForAsync($"{invited}@example.org"));

        var again = "a" + Guid.NewGuid().ToString("N")[..8];
        using (var spent = await stranger.SubmitAsync(invitedForm, "form.panel", Form(again).With("Form.Invitation", invitedForm.QuerySelector("#invitation")!.GetAttribute("value")!), "/signup"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, spent.StatusCode);
        }
        Assert.False(await AccountExistsAsync(again));
    }
}

internal static class FormValues
{
    public static Dictionary<string, string> With(this Dictionary<string, string> values, string key, string value)
    {
        values[key] = value;
        return values;
    }
}
