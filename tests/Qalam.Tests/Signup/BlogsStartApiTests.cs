using System.Net.Http.Json;
using Qalam.Storage;

namespace Qalam.Tests.Signup;

// POST /api/v1/blogs is sign-up by another door: it follows Signup:Mode and the per-account limit.
public sealed class BlogsStartApiTests
{
    private static async Task<(HttpStatusCode Status, string Handle)> StartAsync(QalamApp app, QalamUser user)
    {
        var handle = "s" + Guid.NewGuid().ToString("N")[..8];
        using var response = await app.Reader().WithToken(await app.Seed.TokenAsync(user))
            .PostAsync("/api/v1/blogs", JsonContent.Create(new { handle, title = "Mine", language = "en" }));
        return (response.StatusCode, handle);
    }

    [Theory]
    [InlineData("Off")]
    [InlineData("Invitation")]
    public async Task Where_sign_up_is_closed_or_by_invitation_only_the_install_s_operators_start_blogs_through_the_API(string mode)
    {
        await using var app = new QalamApp(await TestDatabase.CreateAsync(), settings: new Dictionary<string, string> { ["Signup:Mode"] = mode });
        var member = await app.Seed.UserAsync();
        var admin = await app.Seed.UserAsync(InstallRole.Admin);

        var (refused, refusedHandle) = await StartAsync(app, member);
        var (made, madeHandle) = await StartAsync(app, admin);

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        await app.Reader().GetPageAsync($"/{refusedHandle}", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, made);
        await app.Reader().GetPageAsync($"/{madeHandle}");
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task In_approval_mode_a_blog_started_through_the_API_stays_hidden_until_approved()
    {
        await using var app = new QalamApp(await TestDatabase.CreateAsync(), settings: new Dictionary<string, string> { ["Signup:Mode"] = "Approval" });
        var member = await app.Seed.UserAsync();

        var (status, handle) = await StartAsync(app, member);

        Assert.Equal(HttpStatusCode.Created, status);
        await app.Reader().GetPageAsync($"/{handle}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(handle, await app.Reader().GetStringAsync("/api/v1/blogs?pageSize=100"), StringComparison.Ordinal);
        await app.Database.DisposeAsync();
    }

    [Fact]
    public async Task An_account_starts_at_most_the_configured_number_of_blogs()
    {
        await using var app = new QalamApp(await TestDatabase.CreateAsync(), settings: new Dictionary<string, string> { ["Signup:BlogsPerAccount"] = "2" });
        var member = await app.Seed.UserAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await StartAsync(app, member)).Status);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden], statuses);
        await app.Database.DisposeAsync();
    }
}
