using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Similar;

// This feature's tables in the unit of work. QalamDb names no feature's types: each feature adds its own sets (and
// its entity configurations, which QalamDb finds in the assembly). Inside a query's expression tree, where C# does
// not allow extension properties, write db.Set<T>() instead.
public static class SimilarTables
{
    extension(QalamDb db)
    {
        public DbSet<SimilarPost> SimilarPosts => db.Set<SimilarPost>();
        public DbSet<SimilarBuild> SimilarBuilds => db.Set<SimilarBuild>();
    }
}
