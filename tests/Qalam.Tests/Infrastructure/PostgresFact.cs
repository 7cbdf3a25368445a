namespace Qalam.Tests.Infrastructure;

// A test of what a PostgreSQL server does that an SQLite file cannot (closing its clients' connections, as a restart
// does). Shown as skipped, with the reason, on the SQLite run.
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.ProviderUnderTest != "postgres")
        {
            Skip = "Needs a PostgreSQL server; this run is on SQLite (the PostgreSQL run covers it).";
        }
    }
}
