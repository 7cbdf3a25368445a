using System.Threading.Channels;

namespace Qalam.Posts;

// Tells the features that derive data from posts (similar posts now, the search index later) which blogs
// changed. Consumers read the channel in a background service, so a save never waits for them.
public sealed class PostChanges
{
    private readonly Channel<int> _blogs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Changed(int blogId) => _blogs.Writer.TryWrite(blogId);

    public ChannelReader<int> Reader => _blogs.Reader;
}
