using System.Globalization;
using AuthApp.Api.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// Moves audit events from the Redis outbox into <c>audit_events</c>: read through a consumer group, insert (an id
/// seen before is skipped), then acknowledge and trim. An event whose insert failed stays pending and is retried;
/// events left pending by a replica that died are claimed by another after <see cref="ClaimAfter"/>. While PostgreSQL
/// is down the events wait in Redis, and the requests that made them are not held up.
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

    private static readonly TimeSpan ClaimAfter = TimeSpan.FromSeconds(30);

    private readonly string _consumer = $"{Environment.MachineName}:{Environment.ProcessId}";

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
    }

    /// <summary>Moves one batch; answers how many entries it handled.</summary>
    internal async Task<int> DrainOnceAsync()
    {
        var database = redis.GetDatabase();
        var entries = await ReadAsync(database);
        if (entries.Length == 0) return 0;

        var rows = new List<AuditRow>(entries.Length);
        foreach (var entry in entries)
        {
            if (AuditOutbox.Read(entry) is { } row) rows.Add(row);
            else LogDamaged(logger, entry.Id.ToString());
        }

        if (rows.Count > 0) await writer.InsertAsync(rows);
        RedisValue[] arguments = [AuditOutbox.Group, After(entries[^1].Id), .. Array.ConvertAll(entries, e => e.Id)];
        await Settle.EvaluateAsync(database, [outbox.Key], arguments);
        return entries.Length;
    }

    /// <summary>
    /// KEYS: the outbox. ARGV: the group, the id just after the last entry handled, then the ids handled.
    /// Acknowledges them, then trims every entry no consumer still holds. Entries below the group's oldest pending one
    /// (or below the last handled, when none is pending) were all delivered and acknowledged, by this replica or another.
    /// Trimming drops whole stream nodes, where deleting by id searches a node for each entry.
    /// </summary>
    private static readonly RedisScript Settle = new("""
        redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 3))
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1])
        local below = ARGV[2]
        if pending[1] > 0 then below = pending[2] end
        redis.call('XTRIM', KEYS[1], 'MINID', below)
        """);

    /// <summary>The smallest stream id greater than <paramref name="id"/> ("ms-seq").</summary>
    private static string After(RedisValue id)
    {
        var text = (string)id!;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return $"{text[..dash]}-{ulong.Parse(text[(dash + 1)..], CultureInfo.InvariantCulture) + 1}";
    }

    private async Task<StreamEntry[]> ReadAsync(IDatabase database)
    {
        try
        {
            // This consumer's own unacknowledged entries first (an insert that failed), then those of a dead replica.
            var entries = await database.StreamReadGroupAsync(outbox.Key, AuditOutbox.Group, _consumer, StreamPosition.Beginning, BatchSize);
            if (entries.Length > 0) return entries;
            var claimed = await database.StreamAutoClaimAsync(
                outbox.Key, AuditOutbox.Group, _consumer, (long)ClaimAfter.TotalMilliseconds, StreamPosition.Beginning, BatchSize);
            if (claimed.ClaimedEntries.Length > 0) return claimed.ClaimedEntries;
            return await database.StreamReadGroupAsync(outbox.Key, AuditOutbox.Group, _consumer, StreamPosition.NewMessages, BatchSize);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // First start, or Redis lost its data: make the group (and the stream) and read on the next pass.
            try
            {
                await database.StreamCreateConsumerGroupAsync(outbox.Key, AuditOutbox.Group, StreamPosition.Beginning, createStream: true);
            }
            catch (RedisServerException busy) when (busy.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Another replica made it a moment ago.
            }

            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit events wait in the Redis outbox: moving them to PostgreSQL failed ({Error}); retrying every second")]
    private static partial void LogFailing(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit outbox drains again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit outbox entry {EntryId} is damaged and was dropped")]
    private static partial void LogDamaged(ILogger logger, string entryId);
}
