using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Faults;

/// <summary>The API killed with SIGKILL in the middle of registrations and logins leaves consistent stores.</summary>
[Collection(nameof(FaultCollection))]
public sealed class ApiKillTests(TestServices services)
{
    [Fact] // S18
    public async Task ApiKilledMidRegistrationsAndLoginsLeavesNoHalfAccountNoOrphanSessionAndNoAuditGap()
    {
        var database = await services.Postgres.CreateDatabaseAsync();
        await using (var db = services.CreateDbContext(database)) await db.Database.MigrateAsync(Cancel);
        await using var redis = await RestartableRedis.StartAsync();
        var settings = services.Settings();
        settings["ConnectionStrings:authdb"] = database;
        settings["ConnectionStrings:redis"] = redis.ConnectionString;

        var attempted = new ConcurrentDictionary<string, string>();
        var registered = new ConcurrentBag<string>();
        var loggedIn = new ConcurrentBag<(string Email, string Access)>();
        await using (var api = await KillableApi.StartAsync(settings))
        {
            await using var traffic = new Traffic();
            traffic.Run("register-login", api.CreateClient, async (http, cancel) =>
            {
                var (email, password) = (FreshEmail("kill"), FreshPassword());
                attempted[email] = password;
                var response = await http.PostAsJsonAsync("/users", new { email, password }, cancel);
                if (response.StatusCode != HttpStatusCode.Created) return response;
                registered.Add(email);
                response.Dispose();
                response = await http.PostTokenAsync(email, password);
                if (response.IsSuccessStatusCode) loggedIn.Add((email, (await response.ReadJsonAsync()).GetProperty("access_token").GetString()!));
                return response;
            }, workers: 3);
            await Poll.UntilAsync(() => registered.Count >= 4 && loggedIn.Count >= 2, TimeSpan.FromSeconds(60), "registrations and logins before the kill");

            await api.KillAsync();
            await traffic.StopAsync();
            Assert.DoesNotContain(traffic.Outcomes, o => o.Status >= 500);
        }

        await using var restarted = await KillableApi.StartAsync(settings);
        using var client = restarted.CreateClient();
        await using var db2 = services.CreateDbContext(database);
        var emails = attempted.Keys.ToList();
        var accounts = await db2.Users.Where(u => emails.Contains(u.NormalizedEmail)).ToListAsync(Cancel);
        var audited = await db2.Set<AuditEntry>().Where(e => e.Type == AuditEventTypes.Registration && e.Outcome == AuditOutcomes.Success)
            .Select(e => e.Subject).ToListAsync(Cancel);

        // Every registration answered 201 is stored; every stored account, answered or cut off, has its audit row.
        Assert.Subset(accounts.Select(a => a.NormalizedEmail).ToHashSet(), registered.ToHashSet());
        Assert.All(accounts, a => Assert.Contains(a.Id.ToString(), audited));
        // Accounts whose 201 never arrived are whole: their password works.
        foreach (var cutOff in accounts.Where(a => !registered.Contains(a.NormalizedEmail)))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostTokenAsync(cutOff.Email, attempted[cutOff.NormalizedEmail])).StatusCode);
        }

        // Every login answered 200 goes on after the restart and has its audit row.
        var loginSubjects = await db2.Set<AuditEntry>().Where(e => e.Type == AuditEventTypes.Login && e.Outcome == AuditOutcomes.Success)
            .Select(e => e.Subject).ToListAsync(Cancel);
        foreach (var (email, access) in loggedIn)
        {
            Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(access));
            Assert.Contains(accounts.Single(a => a.NormalizedEmail == email).Id.ToString(), loginSubjects);
        }

        await AssertEverySessionHasItsFamilyAsync(redis.ConnectionString);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Killed after {registered.Count} registrations and {loggedIn.Count} logins answered; {accounts.Count - registered.Count} cut off but stored, all audited");
    }

    /// <summary>A token key whose family set is missing or lacks it could outlive a "revoke the whole session".</summary>
    private static async Task AssertEverySessionHasItsFamilyAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var server = connection.GetServers()[0];
        var redis = connection.GetDatabase();
        var tokens = 0;
        await foreach (var key in server.KeysAsync(pattern: "authapp:token:*"))
        {
            var family = (string?)await redis.HashGetAsync(key, "family_id");
            Assert.False(string.IsNullOrEmpty(family), $"{key} has no family.");
            var hash = ((string)key!)["authapp:token:".Length..];
            Assert.True(await redis.SetContainsAsync($"authapp:family:{family}", hash), $"{key} is not in its family's set.");
            tokens++;
        }

        Assert.True(tokens > 0);
    }
}
