using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Comments;
using Qalam.Localization;
using Qalam.Storage;
using Qalam.Visits;

namespace Qalam.Reading;

// Post pages as last rendered, served again to readers who are not signed in without running the page: the only
// part that changes between two readers is the visit count, which is spliced in. Each view is still counted.
// An entry is dropped when this node saves any change (ContentVersion) and after a short lifetime, so changes made
// on another node, and visits other nodes counted, show too.
public sealed class PostPageCache : IDisposable
{
    private const string PageRoute = "/Reading/PostPage";
    private const int MaxBytes = 64 * 1024 * 1024;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = MaxBytes });
    private readonly ContentVersion _content;
    private readonly VisitRecorder _visits;
    private readonly HtmlEncoder _encoder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly FormStamp _stamps;

    public PostPageCache(ContentVersion content, VisitRecorder visits, HtmlEncoder encoder, TimeProvider time,
        IOptions<PostPageOptions> options, FormStamp stamps)
    {
        _stamps = stamps;
        _content = content;
        _visits = visits;
        _encoder = encoder;
        _time = time;
        _lifetime = options.Value.PageCacheLifetime;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (KeyOf(context) is not { } key)
        {
            await next(context);
            return;
        }
        if (_pages.TryGetValue(key, out Entry? entry) && IsFresh(entry!))
        {
            await ServeAsync(context, entry!);
            return;
        }
        await RenderAndKeepAsync(context, key, next);
    }

    private string? KeyOf(HttpContext context)
    {
        var request = context.Request;
        if (_lifetime == TimeSpan.Zero
            || !HttpMethods.IsGet(request.Method)
            || request.QueryString.HasValue
            || request.RouteValues["page"] as string != PageRoute
            || request.RouteValues["blog"] is not string blog
            || request.RouteValues["slug"] is not string slug
            // Nothing on the page depends on who is signed in, but people who write should never be shown a
            // copy made before their own change; they are few, so they always get a fresh page. So do comment
            // writers whose details are remembered or whose held comments are shown to them.
            || request.Cookies.ContainsKey(AccountsFeature.CookieName)
            || CommenterCookies.Present(request))
        {
            return null;
        }
        // Links on the page come from configuration, not the host; the host is in the key all the same, so that no
        // rendering at one host is ever served at another.
        return string.Concat(request.Host.Value, "/", blog, "/", slug);
    }

    private bool IsFresh(Entry entry) =>
        entry.ContentVersion == _content.Current && _time.GetUtcNow() < entry.ExpiresAt;

    private async Task ServeAsync(HttpContext context, Entry entry)
    {
        await _visits.RecordAsync(entry.Blog, entry.PostId, VisitRequest.From(context), context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = PostPageHeaders.CacheControl;
        var parts = new byte[entry.Splices.Length][];
        var length = 0L;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = entry.Splices[i] switch
            {
                PostPageSplice.VisitCount => entry.CountText(_visits.Show(entry.PostId, entry.VisitBase), this),
                // The comment form's time stamp must be as new as this reading, or the form's minimum and maximum age
                // would be measured from whenever the copy was made. Readers within the same second share one (signing
                // it for every request cost a tenth of the page's throughput); the minimum age is counted in seconds.
                _ => entry.StampText(_time.GetUtcNow().ToUnixTimeSeconds(), this),
            };
            length += parts[i].Length;
        }
        response.ContentLength = length + entry.Size;
        var body = response.BodyWriter;
        for (var i = 0; i < parts.Length; i++)
        {
            body.Write(entry.Chunks[i]);
            body.Write(parts[i]);
        }
        body.Write(entry.Chunks[^1]);
        await body.FlushAsync(context.RequestAborted);
    }

    private async Task RenderAndKeepAsync(HttpContext context, string key, RequestDelegate next)
    {
        // Taken before the page reads anything, so a change saved while it renders makes the copy stale at once.
        var version = _content.Current;
        var recording = context.RequestServices.GetRequiredService<PostPageRecording>();
        recording.Start();
        var original = context.Response.Body;
        using var rendered = new MemoryStream();
        context.Response.Body = rendered;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var html = rendered.GetBuffer().AsMemory(0, (int)rendered.Length);
        if (html.Length == 0)
        {
            // An empty body (a 404 or a redirect) is left alone so the status code pages can still answer it.
            return;
        }
        if (recording.Cut(html.Span) is not { } cut)
        {
            var clean = PostPageRecording.WithoutMarkers(html.Span);
            context.Response.ContentLength = clean.Length;
            await original.WriteAsync(clean, context.RequestAborted);
            return;
        }
        if (context.Response.StatusCode == StatusCodes.Status200OK && recording.Rendering is { } rendering)
        {
            Keep(key, cut, rendering, version);
        }
        context.Response.ContentLength = cut.Chunks.Sum(c => (long)c.Length) + cut.Parts.Sum(p => (long)p.Length);
        for (var i = 0; i < cut.Parts.Length; i++)
        {
            await original.WriteAsync(cut.Chunks[i], context.RequestAborted);
            await original.WriteAsync(cut.Parts[i], context.RequestAborted);
        }
        await original.WriteAsync(cut.Chunks[^1], context.RequestAborted);
    }

    private void Keep(string key, CutPage cut, PostPageRendering rendering, long version)
    {
        var entry = new Entry(rendering.Blog, rendering.PostId, rendering.Language, cut.Chunks, cut.Splices,
            rendering.Visits.Base, version, _time.GetUtcNow() + _lifetime);
        _pages.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Size, AbsoluteExpirationRelativeToNow = _lifetime });
    }

    private byte[] VisitsText(string language, long visits) =>
        Encoding.UTF8.GetBytes(_encoder.Encode(UiText.For(language).Counted("Visits", visits)));

    public void Dispose() => _pages.Dispose();

    // The page cut at its splices: Chunks[i] comes before Splices[i], and the last chunk after the last splice.
    private sealed record Entry(BlogView Blog, int PostId, string Language, byte[][] Chunks, PostPageSplice[] Splices, long VisitBase,
        long ContentVersion, DateTimeOffset ExpiresAt)
    {
        public long Size { get; } = Chunks.Sum(c => (long)c.Length);

        private CountBytes? _last;

        // Readers in a row mostly see the same count (reloads, or visits already written): reuse its text.
        public byte[] CountText(long shown, PostPageCache cache)
        {
            if (Volatile.Read(ref _last) is { } last && last.Shown == shown)
            {
                return last.Bytes;
            }
            var text = cache.VisitsText(Language, shown);
            Volatile.Write(ref _last, new CountBytes(shown, text));
            return text;
        }

        private StampBytes? _stamp;

        public byte[] StampText(long second, PostPageCache cache)
        {
            if (Volatile.Read(ref _stamp) is { } last && last.Second == second)
            {
                return last.Bytes;
            }
            var text = Encoding.UTF8.GetBytes(cache._encoder.Encode(cache._stamps.Issue(PostId)));
            Volatile.Write(ref _stamp, new StampBytes(second, text));
            return text;
        }
    }

    private sealed record CountBytes(long Shown, byte[] Bytes);

    private sealed record StampBytes(long Second, byte[] Bytes);
}

public static class PostPageHeaders
{
    // The page must reach the server each time, or the visit is not counted: caches may keep it but must ask first.
    public const string CacheControl = "no-cache";
}
