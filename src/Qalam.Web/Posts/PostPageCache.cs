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

namespace Qalam.Posts;

// What the post page tells the cache about the page it just rendered for a plain GET.
public sealed record PostPageRendering(BlogView Blog, int PostId, string Language, VisitCount Visits);

// Set on the request while the cache captures a rendering; the page offers itself through it.
public sealed class PostPageCapture
{
    public PostPageRendering? Offered { get; private set; }

    public void Offer(PostPageRendering rendering) => Offered = rendering;
}

// Post pages as last rendered, served again to readers who are not signed in without running the page: the only
// part that changes between two readers is the visit count, which is spliced in. Each view is still counted.
// An entry is dropped when this node saves any change (ContentVersion) and after a short lifetime, so changes made
// on another node, and visits other nodes counted, show too.
public sealed class PostPageCache : IDisposable
{
    private const string PageRoute = "/Posts/PostPage";
    private const int MaxBytes = 64 * 1024 * 1024;
    private static readonly byte[] VisitsOpening = "<span class=\"visits\">"u8.ToArray();
    private static readonly byte[] SpanClosing = "</span>"u8.ToArray();
    private static readonly byte[] StampOpening = "name=\"Form.Stamp\" value=\""u8.ToArray();
    private static readonly byte[] Quote = "\""u8.ToArray();

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
        var count = entry.CountText(_visits.Show(entry.PostId, entry.VisitBase), this);
        // The comment form's time stamp must be as new as this reading, or the form's minimum and maximum age would be
        // measured from whenever the copy was made. Readers within the same second share one (signing it for every
        // request cost a tenth of the page's throughput); the minimum age is counted in seconds anyway.
        var stamp = entry.Middle is null ? [] : entry.StampText(_time.GetUtcNow().ToUnixTimeSeconds(), this);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = PostPageHeaders.CacheControl;
        response.ContentLength = entry.Head.Length + count.Length + (entry.Middle?.Length ?? 0) + stamp.Length + entry.Tail.Length;
        var body = response.BodyWriter;
        body.Write(entry.Head);
        body.Write(count);
        if (entry.Middle is not null)
        {
            body.Write(entry.Middle);
            body.Write(stamp);
        }
        body.Write(entry.Tail);
        await body.FlushAsync(context.RequestAborted);
    }

    private async Task RenderAndKeepAsync(HttpContext context, string key, RequestDelegate next)
    {
        // Taken before the page reads anything, so a change saved while it renders makes the copy stale at once.
        var version = _content.Current;
        var capture = new PostPageCapture();
        context.Features.Set(capture);
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
        if (context.Response.StatusCode == StatusCodes.Status200OK && capture.Offered is { } offer)
        {
            Keep(key, html.Span, offer, version);
        }
        if (html.Length > 0)
        {
            // An empty body (a 404 or a redirect) is left alone so the status code pages can still answer it.
            context.Response.ContentLength = html.Length;
            await original.WriteAsync(html, context.RequestAborted);
        }
    }

    private void Keep(string key, ReadOnlySpan<byte> html, PostPageRendering offer, long version)
    {
        // The header's visit count comes before the body, so its first occurrence is the counter even if a post's
        // own markup had such a span. The rendered count must be what the page showed, or the page is not kept.
        var count = VisitsText(offer.Language, offer.Visits.Shown);
        var start = html.IndexOf(VisitsOpening);
        if (start < 0)
        {
            return;
        }
        var countStart = start + VisitsOpening.Length;
        var tailStart = countStart + count.Length;
        if (!html[countStart..].StartsWith(count) || !html[tailStart..].StartsWith(SpanClosing))
        {
            return;
        }
        // The form's stamp, if the page has a form, comes after the counter: cut it out to be made anew per reader.
        byte[]? middle = null;
        var rest = html[tailStart..];
        var stampAt = rest.IndexOf(StampOpening);
        if (stampAt >= 0)
        {
            var valueStart = stampAt + StampOpening.Length;
            var valueLength = rest[valueStart..].IndexOf(Quote);
            if (valueLength < 0)
            {
                return;
            }
            middle = rest[..valueStart].ToArray();
            rest = rest[(valueStart + valueLength)..];
        }
        var entry = new Entry(offer.Blog, offer.PostId, offer.Language, html[..countStart].ToArray(), middle, rest.ToArray(),
            offer.Visits.Base, version, _time.GetUtcNow() + _lifetime);
        _pages.Set(key, entry, new MemoryCacheEntryOptions
        {
            Size = entry.Head.Length + (entry.Middle?.Length ?? 0) + entry.Tail.Length,
            AbsoluteExpirationRelativeToNow = _lifetime,
        });
    }

    private byte[] VisitsText(string language, long visits) =>
        Encoding.UTF8.GetBytes(_encoder.Encode(UiText.For(language).Counted("Visits", visits)));

    public void Dispose() => _pages.Dispose();

    private sealed record Entry(BlogView Blog, int PostId, string Language, byte[] Head, byte[]? Middle, byte[] Tail, long VisitBase,
        long ContentVersion, DateTimeOffset ExpiresAt)
    {
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
