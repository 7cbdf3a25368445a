using System.Threading.Channels;

namespace Qalam.Posts;

// A post that was written, changed or deleted (PostId), or a blog whose posts changed in bulk (PostId null: imports).
public readonly record struct PostChange(int BlogId, int? PostId);

// Tells the features that derive data from posts (similar posts) what changed. Consumers read the channel in a
// background service, so a save never waits for them.
public sealed class PostChanges
{
    private readonly Channel<PostChange> _changes = Channel.CreateUnbounded<PostChange>(new UnboundedChannelOptions { SingleReader = true });

    public void Changed(int blogId, int? postId = null) => _changes.Writer.TryWrite(new PostChange(blogId, postId));

    public ChannelReader<PostChange> Reader => _changes.Reader;
}
