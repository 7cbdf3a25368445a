using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Operator;
using Qalam.Storage;

namespace Qalam.Tests.Blogs;

// An owner deletes their own blog from its settings: only with their password, readers lose it at once, every owner
// is told by mail, and it can be kept until the grace period ends. An operator's deletion is not theirs to undo.
public sealed class OwnerDeletionTests : WithOwnAppAndMail
{
    [Fact]
    public async Task An_owner_deletes_their_blog_with_their_password_the_owners_are_told_and_it_can_be_kept()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("fa");
        var coOwner = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, coOwner, BlogRole.Owner);
        await App.Seed.PostAsync(blog, "یک نوشته");
        var settings = await client.GetPageAsync($"/admin/{blog.Handle}/settings");

        using (var wrong = await client.SubmitAsync(settings, "form[action$='?handler=Delete']", new Dictionary<string, string> { ["password"] = "not my password" },
            $"/admin/{blog.Handle}/settings?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync($"/{blog.Handle}")).StatusCode);

        using (var deleted = await client.SubmitAsync(settings, "form[action$='?handler=Delete']", new Dictionary<string, string> { ["password"] = Seed.Password },
            $"/admin/{blog.Handle}/settings?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        var gone = await App.Reader().GetAsync($"/{blog.Handle}");
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        Assert.Contains("حذف", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var scope = App.Services.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<QalamDb>().Blogs.AsNoTracking().SingleAsync(b => b.Id == blog.Id);
            Assert.Equal(App.Time.GetUtcNow().UtcDateTime + new BlogOperatorOptions().DeletionGrace, row.DeleteAfter);
            Assert.True(row.DeletionByOwner);
        }
        foreach (var address in new[] { owner.Email!, coOwner.Email! })
        {
            var mail = Assert.Single(await Mail.WaitForAsync(address));
            Assert.Contains($"http://localhost/admin/{blog.Handle}/settings", mail.TextBody, StringComparison.Ordinal);
        }

        var pending = await client.GetPageAsync($"/admin/{blog.Handle}/settings");
        Assert.NotNull(pending.QuerySelector(".danger-zone .error-summary"));
        using (var kept = await client.SubmitAsync(pending, "form[action$='?handler=Keep']", new Dictionary<string, string>(), $"/admin/{blog.Handle}/settings?handler=Keep"))
        {
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync($"/{blog.Handle}")).StatusCode);
    }

    [Fact]
    public async Task Only_owners_delete_and_an_operators_deletion_is_not_the_owners_to_take_back()
    {
        var (blog, _, editor) = await App.BlogWithPersonAsync("en", BlogRole.Editor);
        var ownerPerson = await App.Seed.UserAsync();
        await App.Seed.GrantAsync(blog, ownerPerson, BlogRole.Owner);
        var owner = await App.SignedInAsync(ownerPerson);
        var token = (await owner.GetPageAsync($"/admin/{blog.Handle}/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // An editor, with a valid form token of their own session, is refused.
        var editorsToken = (await editor.GetPageAsync($"/admin/{blog.Handle}/posts/new")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var refused = await editor.PostAsync($"/admin/{blog.Handle}/settings?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = Seed.Password, ["__RequestVerificationToken"] = editorsToken })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await App.Reader().GetAsync($"/{blog.Handle}")).StatusCode);

        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BlogOperator>().DeleteAsync(blog.Handle, "Spam", null, CancellationToken.None);
        }
        var page = await owner.GetPageAsync($"/admin/{blog.Handle}/settings");
        Assert.Null(page.QuerySelector("form[action$='?handler=Keep']"));
        using var keep = await owner.PostAsync($"/admin/{blog.Handle}/settings?handler=Keep",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, keep.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await App.Reader().GetAsync($"/{blog.Handle}")).StatusCode);
    }
}
