using Microsoft.EntityFrameworkCore;
using Qalam.Storage;

namespace Qalam.Subscriptions;

public static class SubscriptionTables
{
    extension(QalamDb db)
    {
        public DbSet<Subscriber> Subscribers => db.Set<Subscriber>();
        public DbSet<SubscriberMailing> SubscriberMailings => db.Set<SubscriberMailing>();
    }
}
