using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Tests.Accounts;

// "Forgot your password?": a person gets back in by themselves with a mailed one-time link; strangers learn nothing
// about which addresses have accounts, and cannot flood anyone's mailbox.
public sealed class PasswordRecoveryTests : WithOwnAppAndMail
{
    private static Dictionary<string, string> Asking(string email) => new() { ["Email"] = email };

    [Fact]
    public async Task A_mailed_link_sets_a_new_password_once_and_signs_the_account_out_elsewhere_keeping_its_tokens()
    {
        var (blog, person, elsewhere) = await App.BlogWithPersonAsync("fa");
        var token = await App.Seed.TokenAsync(person);
        var visitor = App.Reader();

        var signIn = await visitor.GetPageAsync("/admin/signin");
        Assert.Equal("/admin/forgot", signIn.QuerySelector("a[href='/admin/forgot']")?.GetAttribute("href"));
        using var asked = await visitor.SubmitAsync(await visitor.GetPageAsync("/admin/forgot"), "form.panel", Asking(person.Email!), "/admin/forgot");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mail = Assert.Single(await Mail.WaitForAsync(person.Email!));
        var link = new Uri(mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/reset?", StringComparison.Ordinal)));
        // Links come from the configured origin, never from the request's Host header.
        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));

        var reset = await visitor.GetPageAsync(link.PathAndQuery);
        using var done = await visitor.SubmitAsync(reset, "form.panel", new Dictionary<string, string> { ["password"] = "a brand new passphrase" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/admin/signin?reset=1", done.Headers.Location!.OriginalString);

        // The old session is over (checked on its next request; the test's clock must move for that, as a real one
        // does); the new password works, the old one not; the API token still does.
        App.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/admin/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(person.Email!, "a brand new passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(person.Email!, Seed.Password)).StatusCode);
        var api = App.Reader();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/stats")).StatusCode);

        // The link works once.
        using var again = await visitor.SubmitAsync(await visitor.GetPageAsync(link.PathAndQuery), "form.panel",
            new Dictionary<string, string> { ["password"] = "yet another passphrase" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task Choosing_to_revoke_tokens_stops_them()
    {
        var (blog, person, _) = await App.BlogWithPersonAsync("en");
        var token = await App.Seed.TokenAsync(person);
        string link;
        using (var scope = App.Services.CreateScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<PasswordRecovery>().LinkAsync(
                await scope.ServiceProvider.GetRequiredService<QalamDb>().Users.SingleAsync(u => u.Id == person.Id));
        }
        var visitor = App.Reader();
        using var done = await visitor.SubmitAsync(await visitor.GetPageAsync(new Uri(link).PathAndQuery), "form.panel",
            new Dictionary<string, string> { ["password"] = "a brand new passphrase", ["revokeTokens"] = "true" }, new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var api = App.Reader();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/blogs/{blog.Handle}/stats")).StatusCode);
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_a_known_one_gets_mail()
    {
        var (_, person, _) = await App.BlogWithPersonAsync("en");
        var stranger = $"nobody-{Guid.NewGuid():N}@example.org";

        var known = await AskAsync(App.Reader(), person.Email!);
        var unknown = await AskAsync(App.Reader(), stranger);

        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Text.Replace(person.Email!, "", StringComparison.Ordinal), unknown.Text.Replace(stranger, "", StringComparison.Ordinal));
        Assert.Single(await Mail.WaitForAsync(person.Email!));
        await Task.Delay(1500);
        Assert.Empty(Mail.To(stranger));
    }

    [Fact]
    public async Task Asking_again_and_again_is_refused_before_it_floods_a_mailbox()
    {
        var (_, person, _) = await App.BlogWithPersonAsync("en");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await AskAsync(App.Reader(), person.Email!)).Status);
        }
        // Three per address an hour, whoever asks (the test's requests all come from one sender too).
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        await Task.Delay(1500);
        Assert.Equal(3, (await Mail.WaitForAsync(person.Email!, 3)).Count);
    }

    [Fact]
    public async Task A_reset_link_from_the_command_line_works_for_an_install_without_mail()
    {
        var (_, person, _) = await App.BlogWithPersonAsync("en");
        var run = await QalamProcess.RunAsync(App.Database, "users", "reset-link", "--email", person.Email!);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var link = new Uri(run.Stdout.Trim());
        Assert.Equal("/admin/reset", link.AbsolutePath);
        var visitor = App.Reader();
        using var done = await visitor.SubmitAsync(await visitor.GetPageAsync(link.PathAndQuery), "form.panel",
            new Dictionary<string, string> { ["password"] = "chosen at the terminal" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var unknown = await QalamProcess.RunAsync(App.Database, "users", "reset-link", "--email", "nobody@example.org");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.StartsWith("error: ", unknown.Stderr, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var client = App.Reader();
        return await client.SubmitAsync(await client.GetPageAsync("/admin/signin"), "form", new Dictionary<string, string> { ["Email"] = email, ["password"] = password }, "/admin/signin");
    }

    private static async Task<(HttpStatusCode Status, string Text)> AskAsync(HttpClient client, string email)
    {
        using var response = await client.SubmitAsync(await client.GetPageAsync("/admin/forgot"), "form.panel", Asking(email), "/admin/forgot");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, page.QuerySelector("main")?.Text() ?? page.Body!.Text());
    }
}

// Without mail the page does not pretend: it says no link can be mailed and whom to ask, and sends nothing.
[Collection(SharedAppCollection.Name)]
public sealed class PasswordRecoveryWithoutMailTests(SharedApp shared)
{
    [Fact]
    public async Task An_install_without_mail_says_so_and_points_to_the_operator()
    {
        var visitor = shared.App.Reader();
        var page = await visitor.GetPageAsync("/admin/forgot?culture=en&ui-culture=en");
        Assert.Null(page.QuerySelector("form.panel"));
        Assert.StartsWith("This site cannot send mail", page.QuerySelector(".error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Contains("qalam users reset-link", page.QuerySelector(".error-summary")!.Text(), StringComparison.Ordinal);
    }
}
