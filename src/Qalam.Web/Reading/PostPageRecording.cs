using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Qalam.Blogs;
using Qalam.Visits;

namespace Qalam.Reading;

// The parts of a post page that differ from one reader to the next.
public enum PostPageSplice
{
    VisitCount,
    FormStamp,
}

// What the page rendered, as the cache needs it to serve the page again: which blog and post (to count the visit),
// and the visit count it showed (its base, on which the counts of later readers are added).
public sealed record PostPageRendering(BlogView Blog, int PostId, string Language, VisitCount Visits);

// A rendered page cut where its per-reader parts go: Chunks[i] comes before Splices[i], the last chunk after the last.
public sealed record CutPage(byte[][] Chunks, PostPageSplice[] Splices, byte[][] Parts);

// Handed down from PostPageCache to the page, once per request (a scoped service). The cache turns it on before it
// runs the page; the page writes the parts that change per reader through Write() and says what it rendered with
// Describe(). Razor writes a page out only at the end, through buffers that cannot be flushed on the way, so a part
// cannot learn its offset as it is written; instead, with recording on, each part is written between two copies of a
// marker this process drew at random at start (with control characters no encoded text contains), and Cut() finds
// the markers, in the order the parts were written. The markup around the parts is the view's to change: nothing
// looks for it. Off (a POST, a signed-in reader, the cache turned off) a part is only its text.
public sealed class PostPageRecording
{
    private static readonly string Marker = "\u0002" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) + "\u0003";
    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Marker);

    private readonly List<(PostPageSplice Splice, string Text)> _written = [];

    public PostPageRendering? Rendering { get; private set; }

    public bool IsOn { get; private set; }

    public void Start() => IsOn = true;

    public void Describe(PostPageRendering rendering)
    {
        if (IsOn)
        {
            Rendering = rendering;
        }
    }

    public IHtmlContent Write(PostPageSplice splice, string text) => new Part(this, splice, text);

    // The page without markers, cut at its parts; null when the markers do not pair up with the parts written (a part
    // copied into a string by some view and written twice, or not at all), and then the page is not kept.
    public CutPage? Cut(ReadOnlySpan<byte> page)
    {
        var chunks = new byte[_written.Count + 1][];
        var parts = new byte[_written.Count][];
        for (var i = 0; i < _written.Count; i++)
        {
            var open = page.IndexOf(MarkerBytes);
            if (open < 0)
            {
                return null;
            }
            chunks[i] = page[..open].ToArray();
            page = page[(open + MarkerBytes.Length)..];
            var close = page.IndexOf(MarkerBytes);
            var text = Encoding.UTF8.GetBytes(_written[i].Text);
            if (close != text.Length || !page[..close].SequenceEqual(text))
            {
                return null;
            }
            parts[i] = text;
            page = page[(close + MarkerBytes.Length)..];
        }
        if (page.IndexOf(MarkerBytes) >= 0)
        {
            return null;
        }
        chunks[^1] = page.ToArray();
        return new CutPage(chunks, [.. _written.Select(w => w.Splice)], parts);
    }

    // The page as the reader gets it when it could not be cut: every marker taken out.
    public static byte[] WithoutMarkers(ReadOnlySpan<byte> page)
    {
        using var clean = new MemoryStream(page.Length);
        for (var at = page.IndexOf(MarkerBytes); at >= 0; at = page.IndexOf(MarkerBytes))
        {
            clean.Write(page[..at]);
            page = page[(at + MarkerBytes.Length)..];
        }
        clean.Write(page);
        return clean.ToArray();
    }

    private sealed class Part(PostPageRecording recording, PostPageSplice splice, string text) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            if (!recording.IsOn)
            {
                encoder.Encode(writer, text);
                return;
            }
            var encoded = encoder.Encode(text);
            recording._written.Add((splice, encoded));
            writer.Write(Marker);
            writer.Write(encoded);
            writer.Write(Marker);
        }
    }
}
