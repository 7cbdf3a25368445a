using Qalam.Accounts;
using Qalam.Comments;
using Qalam.Storage;

namespace Qalam.Tests.Operator;

// /admin/operator: the install's owners see the install and act on blogs; nobody else learns it exists.
[Collection(SharedAppCollection.Name)]
public sealed class OperatorAreaTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task An_install_owner_sees_the_install_and_suspends_and_resumes_a_blog_from_it()
    {
        var operatorUser = await App.Seed.UserAsync(InstallRole.Owner);
        var blog = await App.Seed.BlogAsync("fa", title: "وبلاگ زیر نظر");
        var post = await App.Seed.PostAsync(blog, "نوشته");
        await App.Seed.CommentAsync(post, "Bot", "Buy now", CommentStatus.Spam);
        var client = await App.SignedInAsync(operatorUser);

        var page = await client.GetPageAsync($"/admin/operator?q={blog.Handle}");
        Assert.Equal("Running the site", page.QuerySelector("h1").Text());
        Assert.Single(page.QuerySelectorAll(".operator-blog"));
        Assert.Contains(page.QuerySelectorAll("#spam-heading + ul a"), a => a.GetAttribute("href") == $"/admin/{blog.Handle}/comments?status=spam");
        Assert.NotNull(page.QuerySelector("svg.chart"));

        using var noReason = await client.SubmitAsync(page, $"#blog-{blog.Handle} form", new Dictionary<string, string> { ["action"] = "suspend", ["reason"] = "" }, "/admin/operator");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        using var suspended = await client.SubmitAsync(page, $"#blog-{blog.Handle} form", new Dictionary<string, string> { ["action"] = "suspend", ["reason"] = "Under review" }, "/admin/operator");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        var reader = App.Reader();
        Assert.Equal("Under review", (await reader.GetPageAsync(Seed.PathOf(blog, post), HttpStatusCode.Forbidden)).QuerySelector(".suspension-reason").Text());

        var after = await client.GetPageAsync(suspended.Headers.Location!.OriginalString);
        Assert.Equal("The blog is suspended.", after.QuerySelector(".notice").Text());
        using var resumed = await client.SubmitAsync(after, $"#blog-{blog.Handle} form", new Dictionary<string, string> { ["action"] = "resume" }, "/admin/operator");
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        await Task.Delay(5500);
        await reader.GetPageAsync(Seed.PathOf(blog, post));
    }

    [Fact]
    public async Task An_install_owner_hands_a_blog_to_another_person_and_its_owner_stays_on_as_editor()
    {
        var operatorUser = await App.Seed.UserAsync(InstallRole.Owner);
        var blog = await App.Seed.BlogAsync("en");
        var formerOwner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, formerOwner, BlogRole.Owner);
        var newOwner = await App.Seed.UserAsync();
        var client = await App.SignedInAsync(operatorUser);
        var page = await client.GetPageAsync($"/admin/operator?q={blog.Handle}");
        var form = $"#blog-{blog.Handle} form:has(input[name=email])";

        using var unknown = await client.SubmitAsync(page, form, new Dictionary<string, string> { ["action"] = "transfer", ["email"] = "nobody@example.com" }, "/admin/operator");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("no account with that email", Html.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector(".error-summary, [role=alert]").Text(), StringComparison.Ordinal);

        using var moved = await client.SubmitAsync(page, form, new Dictionary<string, string> { ["action"] = "transfer", ["email"] = newOwner.Email!.ToUpperInvariant() }, "/admin/operator");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("new owner", (await client.GetPageAsync(moved.Headers.Location!.OriginalString)).QuerySelector(".notice").Text(), StringComparison.Ordinal);

        await (await App.SignedInAsync(newOwner)).GetPageAsync($"/admin/{blog.Handle}/members");
        var former = await App.SignedInAsync(formerOwner);
        await former.GetPageAsync($"/admin/{blog.Handle}/posts");
        using var settings = await former.GetAsync($"/admin/{blog.Handle}/members");
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
    }

    [Fact]
    public async Task A_blog_owner_who_does_not_run_the_install_gets_404()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");

        // Every page of the operator area and every form on them, with a valid form token so that nothing but the
        // operator check can refuse it.
        var token = (await client.GetPageAsync($"/admin/{blog.Handle}/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var page in new[] { "/admin/operator", "/admin/operator/users", "/admin/operator/spam" })
        {
            await client.GetPageAsync(page, HttpStatusCode.NotFound);
        }
        foreach (var (path, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/admin/operator", new() { ["handle"] = blog.Handle, ["action"] = "suspend", ["reason"] = "x" }),
            ("/admin/operator?handler=signup", new() { ["mode"] = "Open" }),
            ("/admin/operator?handler=invite", new() { ["note"] = "for me" }),
            ("/admin/operator/users", new() { ["userId"] = owner.Id, ["action"] = "unlock" }),
            ("/admin/operator/spam", new() { ["apply"] = "delete", ["address"] = "a@example.com", ["everyFromAddress"] = "true" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            using var post = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{path}: {post.StatusCode}");
        }
        await App.Reader().GetPageAsync($"/{blog.Handle}");
    }
}
