using System.Threading.Channels;
using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// Group commit for audit rows recorded outside a transaction (refresh, revoke, login: the hot paths). Each caller
/// still waits until its row is committed, and sees the failure if it was not, exactly as with one INSERT per
/// request; but the rows waiting at the same moment go to PostgreSQL as one batch in one transaction, so under load
/// one WAL flush serves many requests instead of one each.
/// </summary>
internal sealed class AuditBatchWriter : IAsyncDisposable
{
    /// <summary>At most this many rows per batch: bounds the statement and the wait of the first caller.</summary>
    private const int MaxBatch = 256;

    /// <summary>Batches in flight at once: while some wait for their WAL flush, the next ones fill.</summary>
    private const int Writers = 4;

    // One statement for the whole batch (one parse and plan, not one per row): each column arrives as an array.
    private const string Insert = """
        INSERT INTO audit_events (occurred_at, type, outcome, actor, subject, client_address, detail, outbox_id)
        SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[])
        """;

    private const string InsertSkippingStored = Insert + " ON CONFLICT (outbox_id) DO NOTHING";

    private readonly Channel<(AuditRow Row, TaskCompletionSource Written)> _queue =
        Channel.CreateUnbounded<(AuditRow, TaskCompletionSource)>(new UnboundedChannelOptions { SingleWriter = false });

    private readonly IServiceScopeFactory _scopes;
    private readonly Task[] _writers;

    public AuditBatchWriter(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Completes when the row is committed; faults with the database's exception when it is not.</summary>
    public Task WriteAsync(AuditRow row)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((row, written))) written.SetException(new ObjectDisposedException(nameof(AuditBatchWriter)));
        return written.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteAsync()
    {
        var batch = new List<(AuditRow Row, TaskCompletionSource Written)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            try
            {
                await InsertAsync(batch.ConvertAll(item => item.Row));
                foreach (var (_, written) in batch) written.SetResult();
            }
            catch (Exception ex)
            {
                // Every caller of the failed batch gets the failure: none may report a success it has no record of.
                foreach (var (_, written) in batch) written.SetException(ex);
            }

            batch.Clear();
        }
    }

    /// <summary>Inserts <paramref name="rows"/> in one implicit transaction (all or none); rows seen before are skipped.</summary>
    public async Task InsertAsync(IReadOnlyList<AuditRow> rows)
    {
        // A plain INSERT first: ON CONFLICT looks each row's outbox id up before inserting it, and only an outbox entry
        // delivered twice needs that (decision 0109). The unique index still refuses a repeat, which fails the whole
        // statement, and the batch goes again skipping what is stored.
        try
        {
            await InsertAsync(rows, Insert);
        }
        catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await InsertAsync(rows, InsertSkippingStored);
        }
    }

    private async Task InsertAsync(IReadOnlyList<AuditRow> rows, string sql)
    {
        await using var scope = _scopes.CreateAsyncScope();
        // The connection comes from the application's own DbContext, whichever way it is registered.
        var database = scope.ServiceProvider.GetRequiredService<AuthDbContext>().Database;
        var connection = (NpgsqlConnection)database.GetDbConnection();
        // Opened through EF, so the password overlap of a rotation applies here too (decision 0094).
        await database.OpenConnectionAsync();
        // One statement is one implicit transaction: all rows or none.
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters =
            {
                new() { Value = rows.Select(r => r.OccurredAt).ToArray() },
                new() { Value = rows.Select(r => r.Type).ToArray() },
                new() { Value = rows.Select(r => r.Outcome).ToArray() },
                new() { Value = rows.Select(r => r.Actor).ToArray() },
                new() { Value = rows.Select(r => r.Subject).ToArray() },
                new() { Value = rows.Select(r => r.ClientAddress).ToArray() },
                new() { Value = rows.Select(r => r.Detail).ToArray() },
                new() { Value = rows.Select(r => r.OutboxId).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync();
    }
}
