using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Tests.Accounts;

// Finding 1 of "Strangers may sign up": a blog owner added the install owner to their blog by email, then made a
// password-reset link for them and signed in as the install owner. Now nobody gains a role without accepting, and
// blog owners make no reset links at all.
public sealed class MemberInvitationTests : WithOwnApp
{
    [Fact]
    public async Task A_blog_owner_cannot_add_the_install_owner_or_reset_anyone_s_password()
    {
        var installOwner = await App.Seed.UserAsync(InstallRole.Owner);
        var (blog, stranger, client) = await App.BlogWithPersonAsync("en");

        var members = await client.GetPageAsync($"/admin/{blog.Handle}/members");
        using var invited = await client.SubmitAsync(members, "form[action*='handler=Add']",
            new Dictionary<string, string> { ["email"] = installOwner.Email!, ["role"] = "Author" });
        var page = Html.Parse(await invited.Content.ReadAsStringAsync());
        var antiforgery = members.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var reset = await client.PostAsync($"/admin/{blog.Handle}/members?handler=Reset", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["userId"] = installOwner.Id,
        }));
        using var operatorReset = await client.PostAsync("/admin/operator/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["userId"] = installOwner.Id,
            ["action"] = "reset",
        }));

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        // Invited, not added: the install owner is not among the blog's people, and the page shows no reset link.
        Assert.DoesNotContain(installOwner.Email!, page.QuerySelectorAll("table.list:not(.invitations) td").Select(td => td.Text()));
        Assert.Contains(installOwner.Email!, page.QuerySelectorAll("table.invitations td").Select(td => td.Text()));
        Assert.DoesNotContain("/admin/reset", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, reset.StatusCode);
        Assert.DoesNotContain("/admin/reset", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, operatorReset.StatusCode);
        Assert.DoesNotContain("/admin/reset", await operatorReset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_person_joins_only_by_accepting_signed_in_as_the_invited_address()
    {
        var blog = await App.Seed.BlogAsync("fa");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var invitee = await App.Seed.UserAsync();
        var someoneElse = await App.Seed.UserAsync();
        var ownerClient = await App.SignedInAsync(owner);

        var members = await ownerClient.GetPageAsync($"/admin/{blog.Handle}/members");
        using var invited = await ownerClient.SubmitAsync(members, "form[action*='handler=Add']",
            new Dictionary<string, string> { ["email"] = invitee.Email!.ToUpperInvariant(), ["role"] = "Editor" });
        // This install sends no mail, so the owner is shown the link to hand over.
        var link = new Uri(Html.Parse(await invited.Content.ReadAsStringAsync()).QuerySelector(".notice .secret").Text()).AbsolutePath;

        var wrongPerson = await App.SignedInAsync(someoneElse);
        var wrongPage = await wrongPerson.GetPageAsync(link);
        using var wrongAccept = await wrongPerson.PostAsync(link + "?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = wrongPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        var before = (await (await App.SignedInAsync(invitee)).GetAsync($"/admin/{blog.Handle}/posts")).StatusCode;

        var inviteeClient = await App.SignedInAsync(invitee);
        var joinPage = await inviteeClient.GetPageAsync(link);
        using var accepted = await inviteeClient.SubmitAsync(joinPage, "form[action*='handler=Accept']", new Dictionary<string, string>());
        using var again = await App.Reader().GetAsync(link);

        Assert.Null(wrongPage.QuerySelector("form[action*='handler=Accept']"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongAccept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inviteeClient.GetAsync($"/admin/{blog.Handle}/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wrongPerson.GetAsync($"/admin/{blog.Handle}/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var people = await ownerClient.GetPageAsync($"/admin/{blog.Handle}/members");
        Assert.Contains(invitee.Email!, people.QuerySelectorAll("table.list td").Select(td => td.Text()));
        Assert.Null(people.QuerySelector("table.invitations"));
    }

    [Fact]
    public async Task Someone_without_an_account_makes_one_from_the_link_and_an_unmailed_link_gives_no_confirmed_address()
    {
        var (blog, owner, ownerClient) = await App.BlogWithPersonAsync("en");
        var email = $"n{Guid.NewGuid():N}@example.com";
        var members = await ownerClient.GetPageAsync($"/admin/{blog.Handle}/members");
        using var invited = await ownerClient.SubmitAsync(members, "form[action*='handler=Add']", new Dictionary<string, string> { ["email"] = email, ["role"] = "Author" });
        var link = new Uri(Html.Parse(await invited.Content.ReadAsStringAsync()).QuerySelector(".notice .secret").Text()).AbsolutePath;

        var newcomer = App.Reader();
        var join = await newcomer.GetPageAsync(link);
        using var tooShort = await newcomer.SubmitAsync(join, "form[action*='handler=Create']", new Dictionary<string, string> { ["Name"] = "Nasrin", ["password"] = "short" });
        using var created = await newcomer.SubmitAsync(join, "form[action*='handler=Create']", new Dictionary<string, string> { ["Name"] = "Nasrin", ["password"] = "my own long passphrase" });
        var account = await newcomer.GetPageAsync("/admin/account");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/admin/{blog.Handle}/posts/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync($"/admin/{blog.Handle}/settings")).StatusCode);
        // The owner, not the mailbox, held the link: the account may write here, but gets no tokens.
        Assert.Null(account.QuerySelector("form[action*='handler=Token']"));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Reader().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Every_handler_that_names_a_person_leaves_people_outside_the_owner_s_blog_untouched()
    {
        var blog = await App.Seed.BlogAsync("en");
        var owner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, owner, BlogRole.Owner);
        var other = await App.Seed.BlogAsync("en");
        var victim = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(other, victim, BlogRole.Owner);
        var admin = await App.Seed.UserAsync(InstallRole.Admin);
        var victimToken = await App.Seed.TokenAsync(victim);
        var client = await App.SignedInAsync(owner);
        var antiforgery = (await client.GetPageAsync($"/admin/{blog.Handle}/members")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Each page handler that takes a person (an account id or an address), asked by the blog's owner about people
        // who are not on their blog, under their own blog's address and under the other blog's.
        var attempts = new List<(string Path, Dictionary<string, string> Form)>();
        foreach (var person in new[] { victim, admin })
        {
            foreach (var handle in new[] { blog.Handle, other.Handle })
            {
                attempts.Add(($"/admin/{handle}/members?handler=Remove", new() { ["userId"] = person.Id }));
                attempts.Add(($"/admin/{handle}/members?handler=Reset", new() { ["userId"] = person.Id }));
                attempts.Add(($"/admin/{handle}/members?handler=Withdraw", new() { ["invitationId"] = "1" }));
                attempts.Add(($"/admin/{handle}/members?handler=Add", new() { ["email"] = person.Email!, ["role"] = "Owner", ["blog"] = other.Handle }));
            }
            foreach (var action in new[] { "lock", "unlock", "reset" })
            {
                attempts.Add(("/admin/operator/users", new() { ["userId"] = person.Id, ["action"] = action }));
            }
            attempts.Add(("/admin/account?handler=Revoke", new() { ["id"] = "1", ["userId"] = person.Id }));
            attempts.Add(("/admin/account?handler=Password", new() { ["current"] = "not the owner's password", ["next"] = "a taken-over passphrase", ["userId"] = person.Id }));
        }
        var problems = new List<string>();
        foreach (var (path, form) in attempts)
        {
            form["__RequestVerificationToken"] = antiforgery;
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("/admin/reset", StringComparison.Ordinal) || body.Contains(victim.Id, StringComparison.Ordinal) || body.Contains(admin.Id, StringComparison.Ordinal))
            {
                problems.Add($"{path} {string.Join(',', form.Keys)}: the answer names the person or holds a reset link");
            }
        }

        Assert.Empty(problems);
        // What the people themselves would notice: they still sign in with their own password, their token works, and
        // the blogs they belong to are as they were.
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignedInAsync(victim)).GetAsync($"/admin/{other.Handle}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignedInAsync(admin)).GetAsync("/admin/operator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().WithToken(victimToken).GetAsync($"/api/v1/blogs/{other.Handle}/posts?status=all")).StatusCode);
        var ownPeople = (await client.GetPageAsync($"/admin/{blog.Handle}/members")).QuerySelectorAll("table.list:not(.invitations) td").Select(td => td.Text()).ToList();
        Assert.DoesNotContain(victim.Email!, ownPeople);
        Assert.DoesNotContain(admin.Email!, ownPeople);
    }
}
