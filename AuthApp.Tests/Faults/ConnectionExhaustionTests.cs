using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Faults;

/// <summary>Another client holds every PostgreSQL connection slot: the API says so with 503, then recovers.</summary>
[Collection(nameof(FaultCollection))]
public sealed class ConnectionExhaustionTests(TestServices services)
{
    [Fact]
    public async Task PostgresOutOfConnectionsAnswers503WithRetryAfterKeepsSessionsAndRecovers()
    {
        // A small server, so filling it takes few connections.
        var postgres = await PostgresServer.StartAsync(maxConnections: 20);
        await using var _ = postgres;
        var database = await postgres.CreateDatabaseAsync();
        await using (var db = services.CreateDbContext(database)) await db.Database.MigrateAsync(Cancel);
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database + ";Timeout=3");
        using var client = api.CreateClient();
        var user = (await AccountTraffic.PrepareAsync(client, 1))[0];

        // The API's idle pooled connections would otherwise keep serving it: the point is that it needs a new one.
        // The API builds its own data source (for the rotating password provider), which ClearAllPools does not reach.
        NpgsqlConnection.ClearAllPools();
        api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        var hog = await FillEverySlotAsync(database);
        try
        {
            var clock = Stopwatch.StartNew();
            using var register = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel);
            using var login = await client.PostTokenAsync(user.Email, user.Password);
            var elapsed = clock.Elapsed;
            foreach (var response in new[] { register, login })
            {
                var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("Account store unavailable", problem.GetProperty("title").GetString());
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.DoesNotContain(postgres.Password, problem.GetRawText(), StringComparison.Ordinal);
            }

            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Two refused requests took {elapsed.TotalSeconds:0.0} s.");
            Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(user.Access));
            TestContext.Current.TestOutputHelper?.WriteLine($"{hog.Count} connections held; register and login refused in {elapsed.TotalSeconds:0.00} s");
        }
        finally
        {
            foreach (var connection in hog) await connection.DisposeAsync();
        }

        var recovery = await Poll.UntilAsync(async () =>
        {
            using var register = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel);
            Assert.NotEqual(HttpStatusCode.InternalServerError, register.StatusCode);
            return register.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(10), "registration to succeed once the connections are released");
        Assert.Equal(HttpStatusCode.OK, (await client.PostTokenAsync(user.Email, user.Password)).StatusCode);
        TestContext.Current.TestOutputHelper?.WriteLine($"Recovered {recovery.TotalSeconds:0.00} s after the release");
    }

    /// <summary>Opens unpooled connections until the server refuses one with 53300 (too many connections).</summary>
    private static async Task<List<NpgsqlConnection>> FillEverySlotAsync(string database)
    {
        var held = new List<NpgsqlConnection>();
        while (held.Count < 100)
        {
            var connection = new NpgsqlConnection(database + ";Pooling=false;Application Name=hog");
            try
            {
                await connection.OpenAsync(Cancel);
                held.Add(connection);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections)
            {
                await connection.DisposeAsync();
                return held;
            }
        }

        throw new InvalidOperationException("PostgreSQL accepted 100 connections; max_connections was not applied.");
    }
}
