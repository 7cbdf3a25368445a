using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Blogs;
using Qalam.Media;
using Qalam.Storage;
using SkiaSharp;

namespace Qalam.Tests.Media;

// Every upload is decoded and written again: the camera's metadata (GPS position included) does not survive, its
// orientation is applied, resized WebP copies follow, and posts that show the image get its size and copies.
[Collection(SharedAppCollection.Name)]
public sealed class ImagePipelineTests(SharedApp shared)
{
    private QalamApp App => shared.App;

    [Fact]
    public async Task A_photo_comes_back_without_its_GPS_position_and_stood_upright()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("fa");
        // 40×20, red on the left and blue on the right, which the camera says to turn a quarter clockwise (EXIF 6).
        var photo = WithExif(Jpeg(40, 20, (x, _) => x < 20 ? SKColors.Red : SKColors.Blue), orientation: 6);
        Assert.True(Contains(photo, "Exif\0\0"u8) && Contains(photo, "N\0"u8));

        var url = await UploadAsync(client, blog.Handle, photo, "IMG_0001.JPG");
        var served = await App.Reader().GetByteArrayAsync(url);

        Assert.False(Contains(served, "Exif"u8), "EXIF survived");
        using var image = SKBitmap.Decode(served);
        Assert.Equal((20, 40), (image.Width, image.Height));
        // Turned clockwise, the left (red) half is now the top.
        Assert.True(image.GetPixel(10, 5).Red > 200 && image.GetPixel(10, 5).Blue < 60, image.GetPixel(10, 5).ToString());
        Assert.True(image.GetPixel(10, 35).Blue > 200 && image.GetPixel(10, 35).Red < 60, image.GetPixel(10, 35).ToString());
    }

    [Fact]
    public async Task Copies_are_made_at_each_width_counted_in_the_quota_and_named_in_the_posts_that_show_the_image()
    {
        var (blog, owner, client) = await App.BlogWithPersonAsync("en");
        var wide = await UploadAsync(client, blog.Handle, Png(2000, 1000), "panorama.png");
        var small = await UploadAsync(client, blog.Handle, Png(300, 200), "small.png");
        var stored = Path.GetFileName(wide);
        var media = await TestImages.CopiesMadeAsync(App, stored);

        Assert.Equal([480, 960, 1600], media.Copies);
        foreach (var width in media.Copies)
        {
            var copy = await App.Reader().GetAsync(wide.Replace(".png", $"-{width}.webp", StringComparison.Ordinal));
            Assert.Equal("image/webp", copy.Content.Headers.ContentType?.MediaType);
            using var decoded = SKBitmap.Decode(await copy.Content.ReadAsByteArrayAsync());
            Assert.Equal((width, width / 2), (decoded.Width, decoded.Height));
        }
        using (var scope = App.Services.CreateScope())
        {
            var quota = await scope.ServiceProvider.GetRequiredService<BlogQuotas>().MediaBytesAsync(scope.ServiceProvider.GetRequiredService<QalamDb>(), blog.Id, CancellationToken.None);
            Assert.True(media.CopiesSize > 0);
            Assert.Null(quota); // no limit set; the sum below is what a limit is measured against
            var used = await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.Where(m => m.BlogId == blog.Id).SumAsync(m => m.Size + m.CopiesSize);
            Assert.Equal(media.Size + media.CopiesSize + (await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.SingleAsync(m => m.StoredName == Path.GetFileName(small))).Size, used);
        }
        // A copy that is not there (the small image has none) answers with the original, cached briefly.
        var fallback = await App.Reader().GetAsync(small.Replace(".png", "-480.webp", StringComparison.Ordinal));
        Assert.Equal("image/png", fallback.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", fallback.Headers.CacheControl?.ToString());

        var api = App.Reader().WithToken(await App.Seed.TokenAsync(owner));
        var post = await (await api.PostJsonAsync($"/api/v1/blogs/{blog.Handle}/posts", new
        {
            title = "Pictures",
            body = $"![A wide view]({wide})\n\nText between.\n\n![A small one]({small})",
            status = "published",
        })).JsonAsync(HttpStatusCode.Created);
        var page = await App.Reader().GetPageAsync($"/{blog.Handle}/posts/{post.GetProperty("slug").GetString()}");
        var images = page.QuerySelectorAll(".post-body img").ToList();

        Assert.Equal(("2000", "1000", "A wide view"), (images[0].GetAttribute("width"), images[0].GetAttribute("height"), images[0].GetAttribute("alt")));
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.Contains($"{Path.GetFileNameWithoutExtension(stored)}-480.webp 480w", images[0].GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.EndsWith($"{wide} 2000w", images[0].GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal(PostImages.Sizes, images[0].GetAttribute("sizes"));
        Assert.Equal(("300", "200", "lazy"), (images[1].GetAttribute("width"), images[1].GetAttribute("height"), images[1].GetAttribute("loading")));
        Assert.Null(images[1].GetAttribute("srcset"));
        // A shared link shows the first picture, as its 1600-pixel copy, on an absolute address from the settings.
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal($"http://localhost{wide.Replace(".png", "-1600.webp", StringComparison.Ordinal)}", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal(("1600", "800", "A wide view"), (page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"),
            page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"), page.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content")));
    }

    [Fact]
    public async Task A_decompression_bomb_and_files_that_lie_about_their_type_are_refused_with_a_reason()
    {
        var (blog, _, client) = await App.BlogWithPersonAsync("en");

        var bomb = await UploadRawAsync(client, blog.Handle, PngClaiming(100_000, 100_000), "huge.png");
        var html = await UploadRawAsync(client, blog.Handle, "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray(), "photo.png");
        var truncated = await UploadRawAsync(client, blog.Handle, [.. Png(50, 50).Take(40), .. "not the rest of a picture"u8.ToArray()], "broken.png");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bomb.StatusCode);
        Assert.Contains("too many pixels", Error(bomb), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, html.StatusCode);
        Assert.Equal("This is not a PNG, JPEG, GIF or WebP image.", Error(html));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, truncated.StatusCode);
        Assert.Equal("This is not a PNG, JPEG, GIF or WebP image.", Error(truncated));
        using var scope = App.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<QalamDb>().MediaFiles.CountAsync(m => m.BlogId == blog.Id));
    }

    private static string Error(UploadResult result) => result.Error ?? "";

    private sealed record UploadResult(HttpStatusCode StatusCode, string? Url, string? Error);

    private static async Task<string> UploadAsync(HttpClient client, string handle, byte[] bytes, string name)
    {
        var result = await UploadRawAsync(client, handle, bytes, name);
        Assert.True(result.StatusCode == HttpStatusCode.OK, result.Error);
        return result.Url!;
    }

    private static async Task<UploadResult> UploadRawAsync(HttpClient client, string handle, byte[] bytes, string name)
    {
        var page = await client.GetPageAsync($"/admin/{handle}/media");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", name);
        using var response = await client.PostAsync($"/admin/{handle}/media?handler=Upload", content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new UploadResult(response.StatusCode,
            json.RootElement.TryGetProperty("url", out var url) ? url.GetString() : null,
            json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
    }

    private static byte[] Png(int width, int height) => TestImages.Png(width, height);

    private static byte[] Jpeg(int width, int height, Func<int, int, SKColor> color) => TestImages.Jpeg(width, height, color);

    // A JPEG with an EXIF block as a phone writes it: the orientation, and a GPS position (35.7° N, 51.4° E).
    private static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(int v) { U16(v >> 16); U16(v & 0xFFFF); }
        void Entry(int tag, int type, int count, int value) { U16(tag); U16(type); U32(count); U32(value); }
        tiff.AddRange("MM\0*"u8.ToArray());
        U32(8);
        U16(2); // IFD0 at 8: two entries, ends at 38
        Entry(0x0112, 3, 1, orientation << 16);
        Entry(0x8825, 4, 1, 38);
        U32(0);
        U16(4); // the GPS IFD at 38: four entries, ends at 92; the rationals at 92 and 116
        Entry(0x0001, 2, 2, 'N' << 24);
        Entry(0x0002, 5, 3, 92);
        Entry(0x0003, 2, 2, 'E' << 24);
        Entry(0x0004, 5, 3, 116);
        U32(0);
        foreach (var (degrees, minutes) in new[] { (35, 42), (51, 24) })
        {
            U32(degrees); U32(1); U32(minutes); U32(1); U32(0); U32(1);
        }
        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Count;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg.Take(2), .. segment, .. jpeg.Skip(2)];
    }

    // A PNG whose header claims width × height, with almost nothing after it: tiny to send, enormous to decode.
    private static byte[] PngClaiming(int width, int height)
    {
        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        void Chunk(string type, byte[] data)
        {
            var length = BitConverter.GetBytes(data.Length);
            Array.Reverse(length);
            png.AddRange(length);
            var body = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.AddRange(body);
            var crc = BitConverter.GetBytes(Crc32(body));
            Array.Reverse(crc);
            png.AddRange(crc);
        }
        byte[] Big(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        Chunk("IHDR", [.. Big(width), .. Big(height), 8, 2, 0, 0, 0]);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return [.. png];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
