using System.Text;
using Qalam.Text;

namespace Qalam.Posts;

public static class Slugs
{
    // Persian slugs are welcome: letters of any script survive, everything else becomes a single hyphen.
    public static string From(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in TextFolding.Words(text))
        {
            if (builder.Length > 0)
            {
                builder.Append('-');
            }
            builder.Append(word);
            if (builder.Length >= Post.SlugMaxLength)
            {
                break;
            }
        }
        var slug = builder.ToString();
        return slug.Length > Post.SlugMaxLength ? slug[..Post.SlugMaxLength].TrimEnd('-') : slug;
    }
}
