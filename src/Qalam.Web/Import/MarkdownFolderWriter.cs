using System.Globalization;
using System.Text;
using Qalam.Posts;
using Qalam.Storage;
using YamlDotNet.Serialization;

namespace Qalam.Import;

// Writes each post of a blog as {slug}.md with YAML front matter in the keys Jekyll and Hugo read (and
// `import markdown` reads back): title, date, slug, lang, tags, draft. Comments stay behind; the WXR export has them.
public sealed class MarkdownFolderWriter(QalamDb db, TimeProvider time)
{
    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().Build();

    public async Task<int> WriteAsync(int blogId, DirectoryInfo folder, CancellationToken cancellationToken)
    {
        folder.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var written = 0;
        await foreach (var batch in PostBatches.ReadAsync(db, blogId, cancellationToken))
        {
            foreach (var post in batch)
            {
                var matter = new Dictionary<string, object>
                {
                    ["title"] = post.Title,
                    ["date"] = PostMetadata.Instant(post.PublishedAt ?? post.CreatedAt),
                    ["slug"] = post.Slug,
                    ["lang"] = post.Language,
                    ["tags"] = post.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList(),
                    ["draft"] = post.EffectiveStatus(now) == EffectivePostStatus.Draft,
                };
                var text = new StringBuilder("---\n").Append(Yaml.Serialize(matter)).Append("---\n").Append(post.BodyMarkdown);
                if (!post.BodyMarkdown.EndsWith('\n'))
                {
                    text.Append('\n');
                }
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, FileName(post)), text.ToString(), new UTF8Encoding(false), cancellationToken);
                written++;
            }
        }
        return written;
    }

    // Slugs are unique in a blog and hold only letters, digits and hyphens, so they are safe file names; but a long
    // Persian slug can pass the 255-byte limit of file names, so those are cut and made unique by the post's id.
    private static string FileName(Post post)
    {
        if (Encoding.UTF8.GetByteCount(post.Slug) <= 200)
        {
            return post.Slug + ".md";
        }
        var cut = post.Slug;
        while (Encoding.UTF8.GetByteCount(cut) > 180)
        {
            cut = cut[..^1];
        }
        return $"{cut.TrimEnd('-')}-{post.Id.ToString(CultureInfo.InvariantCulture)}.md";
    }
}
