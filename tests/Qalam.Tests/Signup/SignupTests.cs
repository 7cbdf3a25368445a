using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Storage;

namespace Qalam.Tests.Signup;

// A stranger signs up, confirms the address from the mail a local SMTP server received, and publishes a first post.
public sealed class SignupTests : WithOwnAppAndMail
{
    protected override void AddSettings(Dictionary<string, string> settings)
    {
        settings["Signup:AddressLimit"] = "1000";
        settings["Signup:DisposableDomains:0"] = "@throwaway.example";
    }

    private static Dictionary<string, string> Form(string email, string handle, string title, string language, string password = "a long enough passphrase") => new()
    {
        ["Form.Email"] = email,
        ["Form.Password"] = password,
        ["Form.Handle"] = handle,
        ["Form.Title"] = title,
        ["Form.Language"] = language,
    };

    private static async Task<string> ConfirmationPathAsync(TestMailServer mail, string email)
    {
        var message = Assert.Single(await mail.WaitForAsync(email));
        var link = message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/signup/confirm?", StringComparison.Ordinal));
        return new Uri(link).PathAndQuery;
    }

    [Theory]
    [InlineData("fa", "دفتر تازه", "یادداشت نخست")]
    [InlineData("en", "A new notebook", "First note")]
    public async Task A_stranger_signs_up_confirms_and_publishes_a_first_post(string language, string title, string postTitle)
    {
        var handle = "n" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{handle}@example.org";
        var stranger = App.Reader();

        var form = await stranger.GetPageAsync($"/signup?culture={language}&ui-culture={language}");
        Assert.Equal(language, form.DocumentElement.GetAttribute("lang"));
        using var sent = await stranger.SubmitAsync(form, "form.panel", Form(email, handle.ToUpperInvariant(), title, language), "/signup");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains(email, Html.Parse(await sent.Content.ReadAsStringAsync()).QuerySelector(".notice").Text(), StringComparison.Ordinal);

        // Hidden until the address is confirmed.
        await stranger.GetPageAsync($"/{handle}", HttpStatusCode.NotFound);
        Assert.DoesNotContain($"/{handle}\"", await stranger.GetStringAsync("/"), StringComparison.Ordinal);

        var confirmPath = await ConfirmationPathAsync(Mail, email);
        var confirm = await stranger.GetPageAsync(confirmPath);
        await stranger.GetPageAsync($"/{handle}", HttpStatusCode.NotFound);
        using var confirmed = await stranger.SubmitAsync(confirm, "form.panel", new Dictionary<string, string>(), confirmPath);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/admin/{handle}/posts/new?welcome=1", confirmed.Headers.Location!.OriginalString);

        // Signed in as the blog's owner: write and publish.
        var editor = await stranger.GetPageAsync(confirmed.Headers.Location.OriginalString);
        Assert.Equal(language == "fa" ? "وبلاگ شما باز شد. نخستین نوشته‌تان را بنویسید." : "Your blog is open. Write your first post.", editor.QuerySelector(".notice").Text());
        using var published = await stranger.SubmitAsync(editor, "#post-form", new Dictionary<string, string>
        {
            ["Form.Title"] = postTitle,
            ["Form.Body"] = "Hello.",
            ["Form.Language"] = language,
            ["command"] = "publish",
        }, $"/admin/{handle}/posts/new");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var home = await App.Reader(Browsers.Safari).GetPageAsync($"/{handle}");
        Assert.Equal(title, home.QuerySelector(".blog-title, header h1, header a").Text());
        Assert.Contains(postTitle, home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(language, home.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_handle_is_checked_as_it_is_typed()
    {
        var taken = await App.Seed.BlogAsync("en");
        var reader = App.Reader();
        async Task<string> StateOf(string name) =>
            JsonDocument.Parse(await reader.GetStringAsync($"/signup/handle?name={Uri.EscapeDataString(name)}")).RootElement.GetProperty("state").GetString()!;

        Assert.Equal("taken", await StateOf(taken.Handle.ToUpperInvariant()));
        Assert.Equal("reserved", await StateOf("admin"));
        Assert.Equal("invalid", await StateOf("no spaces"));
        Assert.Equal("invalid", await StateOf("-dash"));
        Assert.Equal("available", await StateOf("free-" + Guid.NewGuid().ToString("N")[..6]));
    }

    [Fact]
    public async Task Bad_input_throwawayMail_the_honeypot_and_a_taken_handle_are_refused_with_reasons()
    {
        var taken = await App.Seed.BlogAsync("en");
        var reader = App.Reader();
        async Task<(HttpStatusCode, List<string>, string)> SendAsync(Dictionary<string, string> fields)
        {
            using var response = await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel", fields, "/signup");
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, [.. page.QuerySelectorAll(".field-error").Select(e => e.Text())], page.QuerySelector(".error-summary").Text());
        }

        var (status, errors, _) = await SendAsync(Form("not-an-email", "admin", "", "en", password: "short"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(4, errors.Count);
        (_, errors, _) = await SendAsync(Form("someone@mailinator.com", "fine-" + Guid.NewGuid().ToString("N")[..6], "T", "en"));
        Assert.Equal(["Throwaway mailboxes are not accepted here; use an address you keep."], errors);
        (_, errors, _) = await SendAsync(Form("someone@mx.throwaway.example", "fine-" + Guid.NewGuid().ToString("N")[..6], "T", "en"));
        Assert.Equal(["Throwaway mailboxes are not accepted here; use an address you keep."], errors);
        (_, errors, _) = await SendAsync(Form($"x{Guid.NewGuid():N}@example.org", taken.Handle, "T", "en"));
        Assert.Equal(["This address is already taken."], errors);
        var honey = Form($"x{Guid.NewGuid():N}@example.org", "fine-" + Guid.NewGuid().ToString("N")[..6], "T", "en");
        honey["Form.Website"] = "http://spam.example";
        string summary;
        (status, _, summary) = await SendAsync(honey);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "A field meant to stay empty was filled in (perhaps by your browser). Please send the form again."), (status, summary));

        await using var scope = App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<QalamDb>().Blogs.AnyAsync(b => b.Handle.StartsWith("fine-")));
    }

    [Fact]
    public async Task Signing_up_with_an_address_that_has_an_account_looks_the_same_and_tells_only_its_owner_by_mail()
    {
        var existing = await App.Seed.UserAsync(email: $"old-{Guid.NewGuid():N}@example.org");
        var fresh = $"new-{Guid.NewGuid():N}@example.org";
        var reader = App.Reader();
        async Task<(HttpStatusCode, string)> SendAsync(string email)
        {
            using var response = await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel",
                Form(email, "e" + Guid.NewGuid().ToString("N")[..8], "T", "en"), "/signup");
            return (response.StatusCode, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".notice").Text().Replace(email, "…", StringComparison.Ordinal));
        }

        var forExisting = await SendAsync(existing.Email!);
        var forFresh = await SendAsync(fresh);

        Assert.Equal(forFresh, forExisting);
        var told = Assert.Single(await Mail.WaitForAsync(existing.Email!));
        Assert.Equal("You already have an account", told.Subject);
        Assert.Contains("http://localhost/admin/signin", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/signup/confirm", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("/signup/confirm", Assert.Single(await Mail.WaitForAsync(fresh)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_sign_up_can_sign_in_but_gets_no_token_and_old_tokens_do_not_work()
    {
        var handle = "u" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{handle}@example.org";
        var stranger = App.Reader();
        (await stranger.SubmitAsync(await stranger.GetPageAsync("/signup"), "form.panel", Form(email, handle, "T", "en"), "/signup")).Dispose();
        var signIn = await stranger.GetPageAsync("/admin/signin");
        using var signedIn = await stranger.SubmitAsync(signIn, "form", new Dictionary<string, string> { ["Email"] = email, ["password"] = "a long enough passphrase" }, "/admin/signin");
        var account = await stranger.GetPageAsync("/admin/account");
        using var token = await stranger.PostAsync("/admin/account?handler=Token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = account.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["name"] = "mine",
        }));
        // A token made before this rule (or by the operator's command line) for an unconfirmed address.
        string oldToken;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Qalam.Storage.QalamUser>>().FindByEmailAsync(email);
            oldToken = await scope.ServiceProvider.GetRequiredService<Qalam.Accounts.AccessTokens>().CreateAsync(user!.Id, "old", CancellationToken.None);
        }
        using var api = App.Reader();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", oldToken);
        using var blog = await api.PostAsync("/api/v1/blogs", JsonContent.Create(new { handle = "x" + handle, title = "Another", language = "en" }));
        using var post = await api.PostAsync($"/api/v1/blogs/{handle}/posts", JsonContent.Create(new { title = "Spam", body = "Spam", status = "published" }));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Null(account.QuerySelector("form[action*='handler=Token']"));
        Assert.Equal("Access tokens are for accounts whose email address is confirmed. Open the link in the mail sent to your address first.",
            account.QuerySelector("#tokens .hint:last-of-type").Text());
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, blog.StatusCode);
        // Its own blog is still hidden, so the address answers as if it did not exist.
        Assert.True(post.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, post.StatusCode.ToString());
        await App.Reader().GetPageAsync($"/x{handle}", HttpStatusCode.NotFound);
        await App.Reader().GetPageAsync($"/{handle}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_forged_confirmation_link_confirms_nothing()
    {
        var handle = "f" + Guid.NewGuid().ToString("N")[..8];
        var reader = App.Reader();
        (await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel", Form($"{handle}@example.org", handle, "T", "en"), "/signup")).Dispose();
        var real = await ConfirmationPathAsync(Mail, $"{handle}@example.org");
        var forged = real[..real.IndexOf("token=", StringComparison.Ordinal)] + "token=forged";

        using var response = await reader.SubmitAsync(await reader.GetPageAsync(forged), "form.panel", new Dictionary<string, string>(), forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await reader.GetPageAsync($"/{handle}", HttpStatusCode.NotFound);
    }
}

// Sign-up with the operator's approval, with a rate limit, and switched off.
public sealed class SignupModeTests
{
    [Fact]
    public async Task In_approval_mode_a_confirmed_blog_waits_for_the_operator()
    {
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Signup:Mode"] = "Approval";
        settings["Signup:AddressLimit"] = "1";
        await using var app = new QalamApp(await TestDatabase.CreateAsync(), settings: settings);
        var reader = app.Reader();
        var handle = "a" + Guid.NewGuid().ToString("N")[..8];

        (await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel", new Dictionary<string, string>
        {
            ["Form.Email"] = $"{handle}@example.org",
            ["Form.Password"] = "a long enough passphrase",
            ["Form.Handle"] = handle,
            ["Form.Title"] = "T",
            ["Form.Language"] = "en",
        }, "/signup")).Dispose();
        using var second = await reader.SubmitAsync(await reader.GetPageAsync("/signup"), "form.panel", new Dictionary<string, string>
        {
            ["Form.Email"] = $"second-{handle}@example.org",
            ["Form.Password"] = "a long enough passphrase",
            ["Form.Handle"] = "b" + handle,
            ["Form.Title"] = "T",
            ["Form.Language"] = "en",
        }, "/signup");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        var message = Assert.Single(await mail.WaitForAsync($"{handle}@example.org"));
        var path = new Uri(message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/signup/confirm?", StringComparison.Ordinal))).PathAndQuery;
        using var confirmed = await reader.SubmitAsync(await reader.GetPageAsync(path), "form.panel", new Dictionary<string, string>(), path);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.StartsWith("Your address is confirmed.", Html.Parse(await confirmed.Content.ReadAsStringAsync()).QuerySelector(".notice").Text(), StringComparison.Ordinal);
        await reader.GetPageAsync($"/{handle}", HttpStatusCode.NotFound);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(Qalam.Operator.OperatorOutcome.Done,
                await scope.ServiceProvider.GetRequiredService<Qalam.Operator.BlogOperator>().ApproveAsync(handle, CancellationToken.None));
        }
        await Task.Delay(5500);
        await app.Reader(Browsers.Safari).GetPageAsync($"/{handle}");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task Sign_up_is_closed_when_the_operator_turns_it_off_or_noMail_can_be_sent()
    {
        await using var mail = TestMailServer.Start();
        var settings = mail.Settings;
        settings["Signup:Mode"] = "Off";
        await using var off = new QalamApp(await TestDatabase.CreateAsync(), settings: settings);
        await using var noMail = new QalamApp(await TestDatabase.CreateAsync());

        foreach (var (app, setting) in new[] { (off, "Signup:Mode"), (noMail, "Mail:Host") })
        {
            var page = await app.Reader().GetPageAsync("/signup");
            Assert.Null(page.QuerySelector("form.panel"));
            // Said plainly, not as a success, with a way onward and what whoever runs the site has to set.
            Assert.Null(page.QuerySelector(".notice"));
            var closed = page.QuerySelector(".signup-closed")!;
            Assert.StartsWith("This site is not taking new blogs", closed.QuerySelector("p")!.Text(), StringComparison.Ordinal);
            Assert.Equal(["/", "/admin/signin"], closed.QuerySelectorAll(".onward a").Select(a => a.GetAttribute("href")));
            Assert.StartsWith("If you run this site", closed.QuerySelector(".hint")!.Text(), StringComparison.Ordinal);
            Assert.Equal(setting, closed.QuerySelector(".hint code")!.Text());
            using var posted = await app.Reader().PostAsync("/signup", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Email"] = "x@example.org" }));
            Assert.True(posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, posted.StatusCode.ToString());
            await app.Database.DisposeAsync();
        }
    }
}
