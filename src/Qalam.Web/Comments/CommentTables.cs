using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Comments;

// This feature's tables in the unit of work. QalamDb names no feature's types: each feature adds its own sets (and
// its entity configurations, which QalamDb finds in the assembly). Inside a query's expression tree, where C# does
// not allow extension properties, write db.Set<T>() instead.
public static class CommentTables
{
    extension(QalamDb db)
    {
        public DbSet<Comment> Comments => db.Set<Comment>();
        public DbSet<CommentSubscription> CommentSubscriptions => db.Set<CommentSubscription>();
        public DbSet<SpamToken> SpamTokens => db.Set<SpamToken>();
    }
}
