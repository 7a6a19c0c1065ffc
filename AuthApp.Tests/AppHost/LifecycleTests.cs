using AuthApp.Tests.Infrastructure;
using Npgsql;

namespace AuthApp.Tests.AppHost;

/// <summary>Starting, stopping and starting again on the same state directory, checked by process id and by data.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class LifecycleTests : IDisposable
{
    private readonly string _state = StateFolders.Create("authapp-lifecycle-");

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppingLeavesNoProcessBehindAndASecondRunReusesTheDataDespiteAStalePidFile()
    {
        var args = AppHostFixture.Arguments(_state);
        var email = ApiClient.FreshEmail("e2e");
        var password = ApiClient.FreshPassword();

        var first = await AppHostFixture.StartAsync(args);
        IReadOnlyList<int> pids;
        try
        {
            using var api = first.CreateHttpClient("api");
            await api.RegisterAsync(email, password);
            await MarkDatabaseAsync(first);
            pids = [.. new[] { "postgres", "redis", "api", "web" }
                .Select(name => first.Current(name).ProcessId)
                .OfType<int>()
                .SelectMany(ProcessTree.WithDescendants)];
            Assert.True(pids.Count >= 4, $"expected postgres, redis, api and web processes, found {pids.Count}");
        }
        finally
        {
            await first.StopAsync(Cancel);
            await first.DisposeAsync();
        }

        Assert.DoesNotContain(pids, ProcessTree.IsRunning);

        // A run killed with SIGKILL leaves postmaster.pid behind; its pid no longer exists.
        await File.WriteAllTextAsync(Path.Combine(_state, "postgres", "data", "postmaster.pid"), "999999\n", Cancel);

        await using var second = await AppHostFixture.StartAsync(args);
        using var secondApi = second.CreateHttpClient("api");
        var token = await secondApi.LoginAsync(email, password);
        using var me = await secondApi.GetMeAsync(token);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.True(await DatabaseIsMarkedAsync(second));
        await second.StopAsync(Cancel);
    }

    public void Dispose() => StateFolders.Delete(_state);

    private async Task MarkDatabaseAsync(DistributedApplication app)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("authdb", Cancel));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("CREATE TABLE lifecycle_marker (id int); INSERT INTO lifecycle_marker VALUES (42);", connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<bool> DatabaseIsMarkedAsync(DistributedApplication app)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("authdb", Cancel));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT id FROM lifecycle_marker", connection);
        return await command.ExecuteScalarAsync(Cancel) is 42;
    }
}
