namespace Qalam.Tests.Infrastructure;

// A test of what only the SQLite provider does (PostgreSQL gathers its own statistics, for one). Shown as skipped,
// with the reason, on the PostgreSQL run.
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.ProviderUnderTest != "sqlite")
        {
            Skip = "Only the SQLite provider does this; this run is on PostgreSQL (the SQLite run covers it).";
        }
    }
}
