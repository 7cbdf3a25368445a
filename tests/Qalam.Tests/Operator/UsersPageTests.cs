using System.Net.Http.Headers;
using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Tests.Operator;

// /admin/operator/users: operators find people and their blogs, and lock a person out: sign-in, sessions and
// access tokens stop, until unlocked.
[Collection(SharedAppCollection.Name)]
public sealed class UsersPageTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task An_operator_finds_a_person_with_their_blogs_locks_them_out_and_lets_them_back()
    {
        var operatorUser = await App.Seed.UserAsync(InstallRole.Admin);
        var blog = await App.Seed.BlogAsync("en");
        var person = await App.Seed.UserAsync(name: "Parvaneh Locked");
        await App.Seed.GrantAsync(blog, person, BlogRole.Owner);
        var token = await App.Seed.TokenAsync(person);
        var client = await App.SignedInAsync(operatorUser);

        var page = await client.GetPageAsync($"/admin/operator/users?q={Uri.EscapeDataString(person.Email!.ToUpperInvariant())}");
        var row = page.QuerySelector($"#user-{person.Id}")!;
        Assert.Contains(blog.Handle, row.Text(), StringComparison.Ordinal);
        Assert.Contains("Parvaneh Locked", row.Text(), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("tbody tr"));

        using var locked = await client.SubmitAsync(page, $"#user-{person.Id} form", new Dictionary<string, string> { ["action"] = "lock" }, "/admin/operator/users");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("locked by the operator", (await client.GetPageAsync($"/admin/operator/users?q={person.Email}")).QuerySelector($"#user-{person.Id}").Text(), StringComparison.Ordinal);

        var stranger = App.Reader();
        var signIn = await stranger.GetPageAsync("/admin/signin");
        using (var refused = await stranger.SubmitAsync(signIn, "form", new Dictionary<string, string> { ["Email"] = person.Email!, ["password"] = Seed.Password }, "/admin/signin"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("locked by the site's operator", Html.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        }
        using (var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/blogs/{blog.Handle}/posts?status=all"))
        {
            api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await App.Reader().SendAsync(api);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var again = await client.GetPageAsync($"/admin/operator/users?q={person.Email}");
        using var unlocked = await client.SubmitAsync(again, $"#user-{person.Id} form", new Dictionary<string, string> { ["action"] = "unlock" }, "/admin/operator/users");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        await (await App.SignedInAsync(person)).GetPageAsync($"/admin/{blog.Handle}");

        // An admin may not lock the install's owner, nor themselves.
        var owner = await App.Seed.UserAsync(InstallRole.Owner);
        using var refusedOwner = await client.PostAsync("/admin/operator/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = owner.Id,
            ["action"] = "lock",
            ["__RequestVerificationToken"] = again.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refusedOwner.StatusCode);
        await (await App.SignedInAsync(owner)).GetPageAsync("/admin/operator");
    }
}
