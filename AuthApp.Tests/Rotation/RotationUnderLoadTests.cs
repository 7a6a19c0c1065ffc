using System.Net;
using AuthApp.Tests.Faults;
using AuthApp.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Tests.Rotation;

/// <summary>
/// Each secret rotated by <c>rotate-credentials</c> while token checks, logins and registrations keep coming: not one
/// request fails and no session is lost (decisions 0093–0095). Real servers, the API as its own process.
/// </summary>
[Collection(nameof(FaultCollection))]
public sealed class RotationUnderLoadTests(TestServices services)
{
    [Theory]
    [InlineData("postgres-password")]
    [InlineData("redis-password")]
    [InlineData("token-hash-key")]
    public async Task RotationUnderLoadFailsNoRequestAndLosesNoSession(string secret)
    {
        await using var rig = await RotationRig.StartAsync(services);
        await rig.StartApiAsync(services);
        using var setup = rig.Api.CreateClient();
        var users = await AccountTraffic.PrepareAsync(setup, 3);
        var load = new AccountTraffic();
        await using var traffic = new Traffic();
        load.Start(traffic, rig.Api.CreateClient, users);
        await Poll.UntilAsync(() => traffic.Count("me", o => o.Status == 200) >= 20 && traffic.Count("login", o => o.Status == 200) >= 1,
            TimeSpan.FromSeconds(30), "traffic to flow before the rotation");

        var started = DateTimeOffset.UtcNow;
        var (exitCode, output) = await rig.RotateAsync(services, secret);
        var rotated = DateTimeOffset.UtcNow;
        // A little traffic after the switch too: the old secret is gone by now.
        await Poll.UntilAsync(() => traffic.Count("login", o => o.Started > rotated) >= 2 && traffic.Count("register", o => o.Started > rotated) >= 2,
            TimeSpan.FromSeconds(30), "logins and registrations after the rotation");
        await traffic.StopAsync();

        Assert.True(exitCode == 0, output);
        var during = traffic.Within(started, DateTimeOffset.UtcNow).ToList();
        var failed = traffic.Outcomes.Where(o => o.Status is not (200 or 201)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{secret}: {Traffic.Describe(traffic.Outcomes)}");
        Assert.True(failed.Count == 0, $"failed requests: {Traffic.Describe(failed)}\nThe API said:\n{rig.Api.Output}");
        Assert.True(during.Count(o => o.Operation == "login") >= 3, Traffic.Describe(during)); // the rotation did run under load

        // No session lost: every login from before the rotation still works and its refresh token still rotates.
        foreach (var user in users)
        {
            Assert.Equal(HttpStatusCode.OK, await setup.MeStatusAsync(user.Access));
            var (access, _) = await setup.RefreshPairAsync(user.Refresh);
            Assert.Equal(HttpStatusCode.OK, await setup.MeStatusAsync(access));
        }

        await load.AssertEveryAccountSurvivesAsync(services, rig.Database.Replace(rig.OriginalPostgresPassword, rig.SecretFile("Storage__PostgresPassword") ?? rig.OriginalPostgresPassword, StringComparison.Ordinal), users);
        await AssertRotatedAsync(rig, secret, setup, users[0]);
        await AssertAuditedAsync(rig, secret);
    }

    /// <summary>The old value no longer works and the services use the new one, even for connections made from now on.</summary>
    private static async Task AssertRotatedAsync(RotationRig rig, string secret, HttpClient client, LiveUser user)
    {
        switch (secret)
        {
            case "postgres-password":
                var fresh = rig.SecretFile("Storage__PostgresPassword");
                Assert.False(string.IsNullOrEmpty(fresh));
                var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(rig.Database));
                Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
                await OpenAsync(new NpgsqlConnectionStringBuilder(rig.Database) { Password = fresh }.ConnectionString);
                break;
            case "redis-password":
                var password = rig.SecretFile("Storage__RedisPassword");
                Assert.False(string.IsNullOrEmpty(password));
                await using (var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{rig.Redis.Port},password={password},allowAdmin=true"))
                {
                    await Assert.ThrowsAnyAsync<RedisException>(() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{rig.Redis.Port},password={rig.Redis.Password},abortConnect=true,connectTimeout=2000"));
                    // Every client connection cut: the API must reconnect, and only the new password lets it in.
                    await admin.GetServers()[0].ExecuteAsync("CLIENT", "KILL", "TYPE", "normal");
                }

                await Poll.UntilAsync(async () => await client.MeStatusAsync(user.Access) == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the API to reconnect to Redis");
                break;
            case "token-hash-key":
                var current = rig.SecretFile("Auth__CurrentTokenHashKey");
                Assert.NotNull(current);
                Assert.NotNull(rig.SecretFile($"Auth__TokenHashKeys__{current}"));
                // The command returns once it has written the switch; the API sees it at its next look at the folder
                // (about every 4 s), which may come after the few logins the test waits for.
                var (access, refresh) = (string.Empty, string.Empty);
                await Poll.UntilAsync(async () =>
                {
                    (access, refresh) = await client.LoginPairAsync(user.Email, user.Password);
                    return access.StartsWith($"aat_{current}_", StringComparison.Ordinal);
                }, TimeSpan.FromSeconds(15), "new logins to use the new token-hash key");
                Assert.StartsWith($"art_{current}_", refresh, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(access));
                break;
        }
    }

    /// <summary>S18: who rotated which secret, when; never the value.</summary>
    private async Task AssertAuditedAsync(RotationRig rig, string secret)
    {
        var fresh = new NpgsqlConnectionStringBuilder(rig.Database) { Password = services.Postgres.Password, Username = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync(ApiClient.Cancel);
        await using var command = new NpgsqlCommand("SELECT actor, subject, outcome, coalesce(detail, ''), occurred_at FROM audit_events WHERE type = 'secret.rotate'", connection);
        await using var reader = await command.ExecuteReaderAsync(ApiClient.Cancel);
        Assert.True(await reader.ReadAsync(ApiClient.Cancel), "no audit event for the rotation");
        Assert.Equal("rotation-test", reader.GetString(0));
        Assert.Equal(secret, reader.GetString(1));
        Assert.Equal("success", reader.GetString(2));
        Assert.InRange(reader.GetFieldValue<DateTimeOffset>(4), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);
        // Every secret file, not the current key's id (which every new token carries).
        foreach (var file in Directory.GetFiles(rig.Folder).Where(f => !f.EndsWith("Auth__CurrentTokenHashKey", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(File.ReadAllText(file), reader.GetString(3), StringComparison.Ordinal);
        }

        Assert.False(await reader.ReadAsync(ApiClient.Cancel), "more than one audit event for one rotation");
    }

    private static async Task OpenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ApiClient.Cancel);
    }
}
