using System.Globalization;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// Moves audit events from the Redis outbox into <c>audit_events</c> (decision 0108): the replica holding the drain's
/// lease reads the oldest entries, inserts them (an id seen before is skipped), then trims the stream up to the last one
/// it read. An insert that fails trims nothing, so its entries are read again; a replica that dies mid-batch leaves
/// them for the next holder. While PostgreSQL is down the events wait in Redis, and the requests that made them are
/// not held up.
/// </summary>
internal sealed partial class AuditOutboxDrain(
    IConnectionMultiplexer redis, AuditOutbox outbox, AuditBatchWriter writer, TimeProvider time, ILogger<AuditOutboxDrain> logger)
    : BackgroundService
{
    private const int BatchSize = 256;

    /// <summary>
    /// How soon an idle drain looks again: the most an event waits to show in the audit log. Not shorter: each look is
    /// a few Redis commands outside any request, each a trace of its own in the dashboard.
    /// </summary>
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(1);

    private readonly AuditDrainLease _lease = new(outbox.LeaseKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var moved = await DrainOnceAsync();
                if (failing) LogRecovered(logger);
                failing = false;
                if (moved < BatchSize) await Task.Delay(IdleDelay, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per outage, not once per second: the events are safe in Redis meanwhile.
                if (!failing) LogFailing(logger, ex.GetType().Name);
                failing = true;
                // Another replica may reach PostgreSQL where this one cannot: let it have the outbox.
                await GiveUpLeaseAsync();
                try
                {
                    await Task.Delay(FailureDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await GiveUpLeaseAsync();
    }

    /// <summary>Moves one batch when this replica holds the lease; answers how many entries it handled.</summary>
    private async Task<int> DrainOnceAsync()
    {
        var database = redis.GetDatabase();
        if (!await _lease.TakeAsync(database)) return 0;
        // XRANGE reads without a consumer group: no pending list to keep, nothing for Redis to copy into its
        // append-only file per entry read, no acknowledgement.
        var entries = await database.StreamRangeAsync(outbox.Key, count: BatchSize);
        if (entries.Length == 0) return 0;

        var rows = new List<AuditRow>(entries.Length);
        foreach (var entry in entries)
        {
            if (AuditOutbox.Read(entry) is { } row) rows.Add(row);
            else LogDamaged(logger, entry.Id.ToString());
        }

        if (rows.Count > 0) await writer.InsertAsync(rows);
        // Entries are appended with rising ids, so everything below the last one read was read and is now stored.
        await database.StreamTrimByMinIdAsync(outbox.Key, After(entries[^1].Id));
        return entries.Length;
    }

    /// <summary>The smallest stream id greater than <paramref name="id"/> ("ms-seq").</summary>
    private static string After(RedisValue id)
    {
        var text = (string)id!;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return $"{text[..dash]}-{ulong.Parse(text[(dash + 1)..], CultureInfo.InvariantCulture) + 1}";
    }

    private async Task GiveUpLeaseAsync()
    {
        try
        {
            await _lease.GiveUpAsync(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Best effort, and never the end of the drain or the host: when Redis is away (its client's timeout is a
            // TimeoutException, not a RedisException), the lease runs out by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit events wait in the Redis outbox: moving them to PostgreSQL failed ({Error}); retrying every second")]
    private static partial void LogFailing(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit outbox drains again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit outbox entry {EntryId} is damaged and was dropped")]
    private static partial void LogDamaged(ILogger logger, string entryId);
}
