namespace Qalam.Tests.Accounts;

// On an install that sends mail the invitation goes to the address alone: the owner never sees the link, and an
// account made from it holds a confirmed address.
public sealed class MailedInvitationTests : WithOwnAppAndMail
{
    [Fact]
    public async Task A_mailed_invitation_reaches_only_the_invited_address_in_the_blog_s_language()
    {
        var (blog, owner, ownerClient) = await App.BlogWithPersonAsync("fa");
        var email = $"m{Guid.NewGuid():N}@example.org";

        var members = await ownerClient.GetPageAsync($"/admin/{blog.Handle}/members");
        using var invited = await ownerClient.SubmitAsync(members, "form[action*='handler=Add']", new Dictionary<string, string> { ["email"] = email, ["role"] = "Editor" });
        var page = Html.Parse(await invited.Content.ReadAsStringAsync());
        var mail = Assert.Single(await Mail.WaitForAsync(email));
        var link = new Uri(mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/join/", StringComparison.Ordinal)));

        Assert.Null(page.QuerySelector(".notice .secret"));
        Assert.DoesNotContain("/admin/join/", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal($"دعوت به {blog.Title}", mail.Subject);
        Assert.Contains("ویراستار", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));

        var newcomer = App.Reader();
        using var created = await newcomer.SubmitAsync(await newcomer.GetPageAsync(link.AbsolutePath), "form[action*='handler=Create']",
            new Dictionary<string, string> { ["Name"] = "Mehri", ["password"] = "my own long passphrase" });
        var account = await newcomer.GetPageAsync("/admin/account");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/admin/{blog.Handle}/comments")).StatusCode);
        // The mailbox held the link, so the address is confirmed: the account may make tokens.
        Assert.NotNull(account.QuerySelector("form[action*='handler=Token']"));
    }
}
