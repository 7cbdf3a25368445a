using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qalam.Tests.Media;
using SkiaSharp;

namespace Qalam.Tests.Accounts;

// A person gives themselves a photo and a few lines under their account, as they would in a browser; a reader then
// sees the photo beside their name on the post, on their author page and in the blog's photo box (Personal theme).
[Trait("Kind", "Browser")]
public sealed class PersonPhotoInBrowserTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task A_person_sets_their_photo_and_readers_see_it_beside_their_name(string language)
    {
        await using var served = await ServedApp.StartAsync();
        var (blog, owner) = await served.App.Seed.BlogWithOwnerAsync(language);
        var title = language == "fa" ? "یادداشتی دربارهٔ Hafez و ترجمه‌هایش" : "A note on حافظ and his translators";
        var post = await served.App.Seed.PostByAsync(blog, owner, title);
        await using (var scope = served.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Qalam.Storage.QalamDb>();
            await db.Set<Qalam.Blogs.Blog>().Where(b => b.Id == blog.Id).ExecuteUpdateAsync(set => set.SetProperty(b => b.Theme, "personal"));
            db.Add(new Qalam.Blogs.BlogBox(blog.Id, 0, Qalam.Blogs.BoxKind.Photo, "", "", ""));
            await db.SaveChangesAsync();
        }
        var photo = Path.Combine(Path.GetTempPath(), $"photo-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.Jpeg(640, 480, (x, y) => new SKColor((byte)(x / 3), (byte)(120 + y / 8), (byte)(200 - y / 4))));
        try
        {
            await using var browser = await BrowserSession.StartAsync(1280, 900);
            var page = await browser.Context.NewPageAsync();
            var dialogs = PageChecks.DismissDialogs(page);
            await served.SignInAsync(page, owner.Email!, language);

            await page.GotoAsync(served.Url("/admin/account"));
            var name = language == "fa" ? "نگار Rahimi" : "Negar رحیمی";
            await page.FillAsync("#display-name", name);
            await page.FillAsync("#bio", language == "fa" ? "دربارهٔ شعر و Qalam می‌نویسم." : "I write about poetry and قلم.");
            await page.ClickAsync("form[action*='handler=Profile'] button[type=submit]");
            await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
            await page.SetInputFilesAsync("#photo", photo);
            await page.ClickAsync("form[action*='handler=Photo'] button[type=submit]");
            await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("img.account-photo")).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.PhotographAsync(page, $"account-photo-{language}", 1280, 390);

            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync(served.Url($"/{blog.Handle}/posts/{Uri.EscapeDataString(post.Slug)}"));
            var byline = page.Locator("a.byline");
            await Assertions.Expect(byline).ToContainTextAsync(name);
            // The pictures are really there (loaded, not broken), and the box names the person.
            Assert.Equal(64, await page.EvaluateAsync<int>("document.querySelector('.byline-photo').naturalWidth"));
            await page.Locator("img.box-picture").ScrollIntoViewIfNeededAsync();
            Assert.Equal(320, await page.EvaluateAsync<int>("new Promise(r => { const i = document.querySelector('img.box-picture'); i.complete && i.naturalWidth ? r(i.naturalWidth) : i.addEventListener('load', () => r(i.naturalWidth)); })"));
            await Assertions.Expect(page.Locator(".box-picture-name a")).ToHaveTextAsync(name);
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.PhotographAsync(page, $"byline-photo-{language}", 1280, 390);

            await page.SetViewportSizeAsync(1280, 900);
            await byline.ClickAsync();
            await Assertions.Expect(page.Locator("img.author-photo")).ToBeVisibleAsync();
            Assert.Equal(320, await page.EvaluateAsync<int>("document.querySelector('img.author-photo').naturalWidth"));
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.PhotographAsync(page, $"author-photo-{language}", 1280, 390);
            Assert.Empty(dialogs);
        }
        finally
        {
            File.Delete(photo);
        }
    }
}
