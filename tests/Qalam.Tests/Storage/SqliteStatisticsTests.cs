using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qalam.Search;
using Qalam.Storage;

namespace Qalam.Tests.Storage;

// Without statistics SQLite looked up a search page's ten hits by walking every published post of the install
// (19 ms at 100,000 posts instead of 0.14): it guessed that "status = published" narrows as much as ten ids do.
public sealed class SqliteStatisticsTests : WithOwnApp
{
    [SqliteFact]
    public async Task Once_the_statistics_are_gathered_a_search_page_looks_up_its_hits_by_their_ids()
    {
        var blog = await App.Seed.BlogAsync("en");
        var ids = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await App.Seed.PostAsync(blog, $"Post {i}")).Id);
        }

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
        await SqliteStatistics.RefreshAsync(db, CancellationToken.None);

        var plan = await PlanAsync(PostSearch.StillPublished(db, ids.Take(10).ToList()));
        Assert.Contains(plan, step => step.Contains("USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("ix_posts_status", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(IQueryable<int> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await command.Connection!.OpenAsync();
        try
        {
            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
            return steps;
        }
        finally
        {
            await command.Connection.CloseAsync();
        }
    }
}
