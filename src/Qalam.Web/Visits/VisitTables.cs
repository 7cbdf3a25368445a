using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Visits;

// This feature's tables in the unit of work. QalamDb names no feature's types: each feature adds its own sets (and
// its entity configurations, which QalamDb finds in the assembly). Inside a query's expression tree, where C# does
// not allow extension properties, write db.Set<T>() instead.
public static class VisitTables
{
    extension(QalamDb db)
    {
        public DbSet<PostVisitDay> PostVisitDays => db.Set<PostVisitDay>();
        public DbSet<VisitReader> VisitReaders => db.Set<VisitReader>();
        public DbSet<VisitSalt> VisitSalts => db.Set<VisitSalt>();
        public DbSet<PostReferrerDay> PostReferrerDays => db.Set<PostReferrerDay>();
    }
}
