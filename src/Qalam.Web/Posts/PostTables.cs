using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Posts;

// This feature's tables in the unit of work. QalamDb names no feature's types: each feature adds its own sets (and
// its entity configurations, which QalamDb finds in the assembly). Inside a query's expression tree, where C# does
// not allow extension properties, write db.Set<T>() instead.
public static class PostTables
{
    extension(QalamDb db)
    {
        public DbSet<Post> Posts => db.Set<Post>();
        public DbSet<Tag> Tags => db.Set<Tag>();
        public DbSet<PostSlugRedirect> PostSlugRedirects => db.Set<PostSlugRedirect>();
        public DbSet<PostRevision> PostRevisions => db.Set<PostRevision>();
    }
}
