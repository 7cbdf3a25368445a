namespace Qalam.Tests.Infrastructure;

// A test of several nodes on one database: they need PostgreSQL (one SQLite file has one site process), and with
// `Redis` also the suite's Redis server. Shown as skipped, with the reason, on the SQLite run.
public sealed class ManyNodesFactAttribute : FactAttribute
{
    public ManyNodesFactAttribute(bool redis = false)
    {
        if (TestDatabase.ProviderUnderTest != "postgres")
        {
            Skip = "Several nodes share a PostgreSQL database; this run is on SQLite (the PostgreSQL run covers it).";
        }
        else if (redis && TestDatabase.Redis is null)
        {
            Skip = "Needs the suite's Redis server (QALAM_TEST_REDIS, set by scripts/test.sh).";
        }
    }
}
