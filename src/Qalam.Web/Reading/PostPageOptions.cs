using System.ComponentModel.DataAnnotations;

namespace Qalam.Reading;

public sealed class PostPageOptions
{
    public const string Section = "Posts";

    // How long a rendered post page is served again to readers who are not signed in. Changes saved on this node
    // show at once; changes made on another node show within this time. Zero turns the cache off.
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PageCacheLifetime { get; set; } = TimeSpan.FromSeconds(1);
}
