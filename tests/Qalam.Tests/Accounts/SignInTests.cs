using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Storage;

namespace Qalam.Tests.Accounts;

// Finding 6 of "Strangers may sign up": five wrong passwords from anyone locked an account and its API tokens, an
// existing account then said "locked" where an unknown one said "wrong", and a session outlived a password reset.
public sealed class SignInTests : WithOwnApp
{
    private static string Message(string html) => Html.Parse(html).QuerySelector(".error-summary").Text();

    private async Task<List<(HttpStatusCode Status, string Message)>> TryAsync(string email, string password, int times)
    {
        var client = App.Reader();
        var form = await client.GetPageAsync("/admin/signin");
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < times; i++)
        {
            using var response = await client.SubmitAsync(form, "form", new Dictionary<string, string> { ["Email"] = email, ["password"] = password }, "/admin/signin");
            answers.Add((response.StatusCode, Message(await response.Content.ReadAsStringAsync())));
        }
        return answers;
    }

    [Fact]
    public async Task Wrong_passwords_slow_their_sender_down_lock_nothing_and_answer_alike_for_known_and_unknown_addresses()
    {
        var blog = await App.Seed.BlogAsync("en");
        var person = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, person, BlogRole.Owner);
        var token = await App.Seed.TokenAsync(person);

        var unknown = await TryAsync($"nobody-{Guid.NewGuid():N}@example.com", "whatever it is", 6);
        var known = await TryAsync(person.Email!, "not the password", 6);
        var right = await TryAsync(person.Email!, Seed.Password, 1);

        Assert.Equal(unknown, known);
        Assert.Equal(Enumerable.Repeat((HttpStatusCode.Unauthorized, "The email or the password is not right."), 5), known.Take(5));
        Assert.Equal((HttpStatusCode.TooManyRequests, "Too many attempts from here. Wait 15 minutes and try again."), known[5]);
        Assert.Equal(known[5], right[0]);
        // The person's tokens were never locked, and nothing of the account changed.
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().WithToken(token).GetAsync($"/api/v1/blogs/{blog.Handle}/posts?status=all")).StatusCode);
    }

    [Fact]
    public async Task An_operator_lock_is_told_only_to_someone_who_knows_the_password()
    {
        var person = await App.Seed.UserAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<QalamUser>>();
            var tracked = await users.FindByIdAsync(person.Id);
            tracked!.LockoutEnd = DateTimeOffset.MaxValue;
            await users.UpdateAsync(tracked);
        }

        var wrong = await TryAsync(person.Email!, "not the password", 1);
        var right = await TryAsync(person.Email!, Seed.Password, 1);

        Assert.Equal((HttpStatusCode.Unauthorized, "The email or the password is not right."), wrong[0]);
        Assert.Equal((HttpStatusCode.Unauthorized, "This account has been locked by the site's operator."), right[0]);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_account_at_once()
    {
        var operatorUser = await App.Seed.UserAsync(InstallRole.Owner);
        var person = await App.Seed.UserAsync();
        var session = await App.SignedInAsync(person);
        await session.GetPageAsync("/admin/account");
        var operatorClient = await App.SignedInAsync(operatorUser);
        var users = await operatorClient.GetPageAsync($"/admin/operator/users?q={Uri.EscapeDataString(person.Email!)}");

        using var made = await operatorClient.SubmitAsync(users, $"#user-{person.Id} form", new Dictionary<string, string> { ["action"] = "reset" }, "/admin/operator/users");
        var link = new Uri(Html.Parse(await made.Content.ReadAsStringAsync()).QuerySelector(".notice .secret").Text());
        var holder = App.Reader();
        using var reset = await holder.SubmitAsync(await holder.GetPageAsync(link.PathAndQuery), "form",
            new Dictionary<string, string> { ["password"] = "a brand new passphrase" }, link.PathAndQuery);
        // The stamp is checked on every request made any time after the sign-in; the test's clock stands still unless moved.
        App.Time.Advance(TimeSpan.FromSeconds(1));
        using var afterwards = await session.GetAsync("/admin/account");

        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/admin/signin", afterwards.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
