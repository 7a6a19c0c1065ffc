using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthApp.Tests.AppHost;

/// <summary>
/// The dashboard's "Rotate credentials" pressed through Aspire itself (its resource command service, as the dashboard
/// does) on a running AuthApp: the <c>rotation</c> resource runs and exits 0, the secret folder in the state directory
/// holds new values, each rotation is audited, the stored parameters follow, and a session from before lives on.
/// </summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class RotateCredentialsButtonTests : IDisposable
{
    private readonly string _state = StateFolders.Create("authapp-button-");

    [Fact]
    public async Task PressingRotateCredentialsRotatesEverySecretAndKeepsTheSessionsFromBefore()
    {
        var logs = new LogCollector();
        await using var app = await AppHostFixture.StartAsync(AppHostFixture.Arguments(_state), logs, builder =>
        {
            // The switch delay stays the default 10 s (the services poll the folder about every 4 s); the key refresh is
            // shortened from 30 s, so the signing-key step takes seconds.
            builder.SetEnvironment("rotation", ("Oidc__KeyRefreshInterval", "00:00:02"));
            builder.SetEnvironment("api", ("Oidc__KeyRefreshInterval", "00:00:02"));
        });
        var folder = Path.Combine(_state, "secrets");
        var before = Snapshot(folder);
        // The servers' passwords are parameters Aspire keeps out of the model's resources: read their settings.
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var postgresBefore = configuration["Parameters:postgres-password"];
        var redisBefore = configuration["Parameters:redis-password"];
        Assert.False(string.IsNullOrEmpty(postgresBefore));
        using var api = app.CreateHttpClient("api");
        var (email, password) = app.BootstrapAdmin();
        var (access, refresh) = await api.LoginPairAsync(email, password);

        var result = await app.ResourceCommands.ExecuteCommandAsync("api", "rotate-credentials", TestContext.Current.CancellationToken);

        Assert.True(result.Success, $"{result.Message}\n{app.Describe(logs)}");
        var rotation = app.Current("rotation");
        Assert.Equal(0, rotation.ExitCode);
        Assert.Contains(rotation.State, new[] { KnownResourceStates.Finished, KnownResourceStates.Exited });

        var after = Snapshot(folder);
        var postgres = after.GetValueOrDefault("Storage__PostgresPassword");
        var redis = after.GetValueOrDefault("Storage__RedisPassword");
        var currentKey = after.GetValueOrDefault("Auth__CurrentTokenHashKey");
        Assert.False(string.IsNullOrEmpty(postgres));
        Assert.False(string.IsNullOrEmpty(redis));
        Assert.False(string.IsNullOrEmpty(currentKey));
        Assert.NotEqual(postgresBefore, postgres);
        Assert.NotEqual(redisBefore, redis);
        Assert.NotEqual(before.GetValueOrDefault("Auth__CurrentTokenHashKey"), currentKey);
        Assert.True(after.ContainsKey($"Auth__TokenHashKeys__{currentKey}"));

        // The AppHost keeps the new passwords as its parameters, so the servers start with them next time.
        Assert.Equal(postgres, configuration["Parameters:postgres-password"]);
        Assert.Equal(redis, configuration["Parameters:redis-password"]);

        // The session from before: its access token works, and its refresh token gives a pair under the new key.
        Assert.Equal(System.Net.HttpStatusCode.OK, await api.MeStatusAsync(access));
        var (newAccess, _) = await api.RefreshPairAsync(refresh);
        Assert.StartsWith($"aat_{currentKey}_", newAccess, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, await api.MeStatusAsync(newAccess));

        await AssertAuditedAsync(await app.GetConnectionStringAsync("authdb", TestContext.Current.CancellationToken), postgres!);
    }

    /// <summary>S18: one <c>secret.rotate</c> per secret, by <c>dashboard</c>, all successful.</summary>
    private static async Task AssertAuditedAsync(string? connectionString, string postgresPassword)
    {
        // The role's password changed: the new one, whatever the connection string was built with.
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Password = postgresPassword, Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ApiClient.Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT subject FROM audit_events WHERE type = 'secret.rotate' AND actor = 'dashboard' AND outcome = 'success' ORDER BY subject", connection);
        var subjects = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ApiClient.Cancel);
        while (await reader.ReadAsync(ApiClient.Cancel)) subjects.Add(reader.GetString(0));
        Assert.Equal(["oidc-signing-key", "postgres-password", "redis-password", "token-hash-key"], subjects);
    }

    /// <summary>The visible files of the secret folder and their values (none before the first rotation is fine).</summary>
    private static Dictionary<string, string> Snapshot(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Trim())
        : [];

    public void Dispose() => StateFolders.Delete(_state);
}
