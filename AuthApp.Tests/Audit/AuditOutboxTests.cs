using System.Net;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Audit;

/// <summary>
/// Decision 0086: refresh and /revoke write their audit event to a Redis outbox in the same script as the change,
/// and a drain moves it into PostgreSQL, once, even when PostgreSQL was away meanwhile.
/// </summary>
public sealed class AuditOutboxTests(TestServices services)
{
    [Fact] // S18, decision 0086
    public async Task RefreshAndRevokeWorkWhilePostgresRefusesAndTheirEventsArriveOnceItIsBack()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database + ";Timeout=3");
        using var client = api.CreateClient();
        var (email, password, user) = await client.RegisterAsync();
        var userId = user.GetProperty("id").GetString()!;
        var (_, refresh) = await client.LoginPairAsync(email, password);
        await services.AuditOutboxDrainedAsync(database);
        var name = new NpgsqlConnectionStringBuilder(database).Database!;

        await AllowConnectionsAsync(name, allowed: false);
        try
        {
            var (access, refresh2) = await client.RefreshPairAsync(refresh);
            using var me = await client.GetMeAsync(access);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh2 });
            using var revoke = await client.PostAsync("/revoke", form, Cancel);

            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            // Both events wait in Redis while the database refuses: the drain keeps retrying, nothing is lost.
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            Assert.Equal(2, await services.RedisClient.GetDatabase().StreamLengthAsync(AuditOutbox.KeyFor(database)));
        }
        finally
        {
            await AllowConnectionsAsync(name, allowed: true);
        }

        var rows = await services.AuditRowsAsync(userId, database);
        var refreshed = Assert.Single(rows, r => r.Type == AuditEventTypes.Refresh);
        var revoked = Assert.Single(rows, r => r.Type == AuditEventTypes.Revocation);
        Assert.All([refreshed, revoked], r => Assert.NotNull(r.OutboxId));
        Assert.All([refreshed, revoked], r => Assert.Equal(AuditOutcomes.Success, r.Outcome));
        Assert.StartsWith("session ", revoked.Detail);
        Assert.True(refreshed.OccurredAt <= revoked.OccurredAt);
        Assert.Equal(0, await services.RedisClient.GetDatabase().StreamLengthAsync(AuditOutbox.KeyFor(database)));
    }

    [Fact] // decision 0086: a drain that stopped between its insert and its trim does not double a row
    public async Task AnEventDeliveredTwiceIsStoredOnce()
    {
        var subject = Guid.NewGuid().ToString();
        var id = AuditOutbox.NewEventId();
        var key = AuditOutbox.KeyFor(services.DatabaseConnectionString);
        var entry = Revocation(subject, id: id, address: "127.0.0.1");

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await services.RedisClient.GetDatabase().StreamAddAsync(key, entry);
            await services.AuditOutboxDrainedAsync();
        }

        var row = Assert.Single(await services.AuditRowsAsync(subject));
        Assert.Equal(Guid.Parse(id), row.OutboxId);
        Assert.Null(row.Actor);
        Assert.Equal("127.0.0.1", row.ClientAddress);
    }

    [Fact] // decision 0109: a batch that repeats a stored event is sent again skipping it, not dropped
    public async Task AStoredEventDeliveredAgainInABatchDoesNotHoldBackTheNewOnes()
    {
        var subject = Guid.NewGuid().ToString();
        var key = AuditOutbox.KeyFor(services.DatabaseConnectionString);
        var stored = Revocation(subject, detail: "session stored");
        await services.RedisClient.GetDatabase().StreamAddAsync(key, stored);
        await services.AuditOutboxDrainedAsync();

        // In one transaction, so that one batch of the drain holds all three.
        var together = services.RedisClient.GetDatabase().CreateTransaction();
        _ = together.StreamAddAsync(key, Revocation(subject, detail: "session before"));
        _ = together.StreamAddAsync(key, stored);
        _ = together.StreamAddAsync(key, Revocation(subject, detail: "session after"));
        Assert.True(await together.ExecuteAsync());

        var rows = await services.AuditRowsAsync(subject);
        Assert.Equal(["session after", "session before", "session stored"], rows.Select(row => row.Detail).Order());
    }

    [Fact] // decision 0109
    public void EventIdsAreDistinctVersion7UuidsOfTheirMillisecond()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 10_000).Select(_ => AuditOutbox.NewEventId()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids)
        {
            var uuid = Guid.ParseExact(id, "N");
            Assert.Equal(7, uuid.Version);
            Assert.InRange(uuid.Variant, 8, 11); // 0b10xx: RFC 9562
            Assert.InRange(Convert.ToInt64(id[..12], 16), before, after);
        }
    }

    [Fact] // S17: what arrives through the outbox is cleaned like any other event
    public async Task AnOutboxEntryCarryingATokenIsRedacted()
    {
        var (access, _, _) = await services.Api.CreateClient().RegisterAndLoginAsync();
        var subject = Guid.NewGuid().ToString();
        await services.RedisClient.GetDatabase().StreamAddAsync(
            AuditOutbox.KeyFor(services.DatabaseConnectionString), Revocation(subject, detail: $"oops {access}"));

        var row = Assert.Single(await services.AuditRowsAsync(subject));
        Assert.Equal("[redacted]", row.Detail);
    }

    [Fact] // decision 0086: an entry the drain cannot read is dropped with its id logged, and holds up nothing behind it
    public async Task ADamagedEntryIsDroppedAndLoggedAndTheEventAfterItIsStored()
    {
        // Its own database, so its own outbox: another test's API on the shared database could drain the entry and
        // log it where this test does not look (a CI run failed so).
        var database = await services.CreateMigratedDatabaseAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database);
        using var client = api.CreateClient(); // starts the API, and with it the drain
        var key = AuditOutbox.KeyFor(database);
        var subject = Guid.NewGuid().ToString();
        var redis = services.RedisClient.GetDatabase();
        var damaged = await redis.StreamAddAsync(key, AuditOutbox.EventField, $"{AuditOutbox.NewEventId()}{AuditOutbox.Separator}{AuditEventTypes.Revocation}");
        await redis.StreamAddAsync(key, Revocation(subject, detail: "session y"));

        var row = Assert.Single(await services.AuditRowsAsync(subject, database));
        Assert.Equal("session y", row.Detail);
        Assert.Contains(api.Logs.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Error && line.Message.Contains(damaged.ToString(), StringComparison.Ordinal));
        Assert.Empty(await redis.StreamRangeAsync(key, damaged, damaged));
    }

    [Fact] // decision 0108: entries in the eight named fields written before the packed format are still stored
    public async Task AnEntryInTheFormerFormatIsStored()
    {
        var subject = Guid.NewGuid().ToString();
        await services.RedisClient.GetDatabase().StreamAddAsync(AuditOutbox.KeyFor(services.DatabaseConnectionString),
        [
            new("id", AuditOutbox.NewEventId()), new("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new("type", AuditEventTypes.Revocation),
            new("outcome", AuditOutcomes.Success), new("actor", ""), new("subject", subject), new("address", "::1"), new("detail", "session w"),
        ]);

        var row = Assert.Single(await services.AuditRowsAsync(subject));
        Assert.Equal(("session w", "::1", AuditEventTypes.Revocation), (row.Detail, row.ClientAddress, row.Type));
    }

    [Fact] // decision 0108: while another replica holds the drain's lease, this one leaves the outbox to it
    public async Task WhileAnotherReplicaHoldsTheLeaseTheOutboxIsLeftToIt()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var key = AuditOutbox.KeyFor(database);
        var lease = AuditOutbox.LeaseOf(key);
        var redis = services.RedisClient.GetDatabase();
        Assert.True(await redis.StringSetAsync(lease, "other-replica", TimeSpan.FromMinutes(1)));
        var subject = Guid.NewGuid().ToString();
        await redis.StreamAddAsync(key, Revocation(subject));

        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database);
        using var client = api.CreateClient(); // starts the API, and with it the drain
        // The drain looks at start and then every second: two looks, and the entry is still there.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel);
        Assert.Equal(1, await redis.StreamLengthAsync(key));
        Assert.Equal("other-replica", (string?)await redis.StringGetAsync(lease));

        // The other replica stops: this one takes the lease and stores the entry.
        await redis.KeyDeleteAsync(lease);
        await StoredAsync(database, subject);
        await services.AuditOutboxDrainedAsync(database);
        Assert.NotEqual("other-replica", (string?)await redis.StringGetAsync(lease));
    }

    [Fact] // decision 0108: a replica that stops gives its lease up, so another takes over at once
    public async Task AStoppingReplicaGivesItsLeaseUp()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var lease = AuditOutbox.LeaseOf(AuditOutbox.KeyFor(database));
        var redis = services.RedisClient.GetDatabase();
        var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database);
        try
        {
            using var client = api.CreateClient();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            limit.CancelAfter(TimeSpan.FromSeconds(15));
            while (!await redis.KeyExistsAsync(lease)) await Task.Delay(25, limit.Token);
            Assert.InRange((await redis.KeyTimeToLiveAsync(lease))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        }
        finally
        {
            await api.DisposeAsync();
        }

        Assert.False(await redis.KeyExistsAsync(lease));
    }

    /// <summary>A revocation's entry as the scripts append it: id, time, type, outcome, actor, subject, address, detail.</summary>
    private static NameValueEntry[] Revocation(string subject, string? id = null, string address = "", string detail = "session z") =>
    [
        new(AuditOutbox.EventField, string.Join(AuditOutbox.Separator,
            id ?? AuditOutbox.NewEventId(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), AuditEventTypes.Revocation, AuditOutcomes.Success,
            "", subject, address, detail)),
    ];

    private async Task StoredAsync(string database, string subject)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        await using var db = services.CreateDbContext(database);
        while (!await db.Set<AuditEntry>().AnyAsync(e => e.Subject == subject, limit.Token))
        {
            await Task.Delay(25, limit.Token);
        }
    }

    private async Task AllowConnectionsAsync(string database, bool allowed)
    {
        await using var connection = new NpgsqlConnection(services.Postgres.ConnectionString("postgres"));
        await connection.OpenAsync(Cancel);
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync(Cancel);
        }

        if (allowed)
        {
            // Idle pooled connections in this process (the tests' and the in-process API's) were cut: drop them.
            NpgsqlConnection.ClearAllPools();
            return;
        }

        // The API's pooled connections were opened before: end them, as an outage would.
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        await terminate.ExecuteNonQueryAsync(Cancel);
    }
}
