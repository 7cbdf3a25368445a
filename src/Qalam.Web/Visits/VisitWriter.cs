using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Qalam.Storage;

namespace Qalam.Visits;

// Writes a batch of counted visits in one transaction of a few statements, the same SQL on SQLite and PostgreSQL:
//   INSERT INTO visit_readers … ON CONFLICT DO NOTHING RETURNING post_id, day   (the database decides what is new,
//     so a reader seen by two nodes, or a batch written twice, still counts once)
//   INSERT INTO post_visit_days … ON CONFLICT DO UPDATE SET visits = visits + excluded.visits
//   UPDATE posts SET visit_count = visit_count + n   (one per post in the batch)
//   INSERT INTO post_referrer_days … ON CONFLICT DO UPDATE   (referring hosts of the new readers)
public sealed class VisitWriter(QalamDb db)
{
    // SQLite finds each named parameter by a linear search of the statement's names, so binding a statement costs
    // the square of its parameter count: at 500 rows (1,500 parameters) binding took most of a busy server's
    // flush. 64 rows keep that small without many more statements.
    public const int RowsPerStatement = 64;

    // Returns the number of new visits per post.
    public async Task<Dictionary<int, int>> WriteAsync(IReadOnlyCollection<PendingVisit> batch, CancellationToken cancellationToken)
    {
        var unique = batch.DistinctBy(v => (v.PostId, v.Day, v.Reader)).ToList();
        var referrers = unique.Where(v => v.ReferrerHost is not null).ToDictionary(v => (v.PostId, v.Day, v.Reader), v => v.ReferrerHost!);
        if (unique.Count == 0)
        {
            return [];
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var connection = db.Database.GetDbConnection();
                var dbTransaction = transaction.GetDbTransaction();
                var inserted = new Dictionary<(int PostId, DateOnly Day), int>();
                var referred = new Dictionary<(int PostId, DateOnly Day, string Host), int>();
                foreach (var chunk in unique.Chunk(RowsPerStatement))
                {
                    foreach (var (postId, day, reader) in await InsertReadersAsync(connection, dbTransaction, chunk, ct))
                    {
                        inserted[(postId, day)] = inserted.GetValueOrDefault((postId, day)) + 1;
                        if (referrers.TryGetValue((postId, day, reader), out var host))
                        {
                            referred[(postId, day, host)] = referred.GetValueOrDefault((postId, day, host)) + 1;
                        }
                    }
                }
                foreach (var chunk in referred.Chunk(RowsPerStatement))
                {
                    await AddReferrersAsync(connection, dbTransaction, chunk, ct);
                }
                if (inserted.Count > 0)
                {
                    foreach (var chunk in inserted.Chunk(RowsPerStatement))
                    {
                        await AddDaysAsync(connection, dbTransaction, chunk, ct);
                    }
                    foreach (var post in inserted.GroupBy(i => i.Key.PostId))
                    {
                        await ExecuteAsync(connection, dbTransaction, "UPDATE posts SET visit_count = visit_count + @n WHERE id = @id",
                            [("@n", post.Sum(p => p.Value)), ("@id", post.Key)], ct);
                    }
                }
                await transaction.CommitAsync(ct);
                return inserted.GroupBy(i => i.Key.PostId).ToDictionary(g => g.Key, g => g.Sum(i => i.Value));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    private static async Task<List<(int PostId, DateOnly Day, string Reader)>> InsertReadersAsync(DbConnection connection, DbTransaction transaction,
        PendingVisit[] rows, CancellationToken ct)
    {
        await using var command = MultiRow(connection, transaction, "visit_readers (post_id, day, reader)",
            rows.Select(r => new object[] { r.PostId, r.Day, r.Reader }), "ON CONFLICT DO NOTHING RETURNING post_id, day, reader");
        var result = new List<(int, DateOnly, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetInt32(0), await reader.GetFieldValueAsync<DateOnly>(1, ct), reader.GetString(2)));
        }
        return result;
    }

    private static async Task AddReferrersAsync(DbConnection connection, DbTransaction transaction,
        KeyValuePair<(int PostId, DateOnly Day, string Host), int>[] rows, CancellationToken ct)
    {
        await using var command = MultiRow(connection, transaction, "post_referrer_days (post_id, day, host, visits)",
            rows.Select(r => new object[] { r.Key.PostId, r.Key.Day, r.Key.Host, (long)r.Value }),
            "ON CONFLICT (post_id, day, host) DO UPDATE SET visits = post_referrer_days.visits + excluded.visits");
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task AddDaysAsync(DbConnection connection, DbTransaction transaction,
        KeyValuePair<(int PostId, DateOnly Day), int>[] rows, CancellationToken ct)
    {
        await using var command = MultiRow(connection, transaction, "post_visit_days (post_id, day, visits)",
            rows.Select(r => new object[] { r.Key.PostId, r.Key.Day, (long)r.Value }),
            "ON CONFLICT (post_id, day) DO UPDATE SET visits = post_visit_days.visits + excluded.visits");
        await command.ExecuteNonQueryAsync(ct);
    }

    // INSERT INTO {target} VALUES (@v0_0, @v0_1, …), (@v1_0, …) {tail}, every value a parameter.
    private static DbCommand MultiRow(DbConnection connection, DbTransaction transaction, string target, IEnumerable<object[]> rows, string tail)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO ").Append(target).Append(" VALUES ");
        var i = 0;
        foreach (var row in rows)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var j = 0; j < row.Length; j++)
            {
                var name = $"@v{i}_{j}";
                sql.Append(j == 0 ? "" : ", ").Append(name);
                Add(command, name, row[j]);
            }
            sql.Append(')');
            i++;
        }
        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql,
        (string Name, object Value)[] parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
