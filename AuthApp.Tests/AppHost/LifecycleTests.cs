using AuthApp.Hosting;
using AuthApp.Hosting.Testing;
using Npgsql;

namespace AuthApp.Tests.AppHost;

/// <summary>Starting, stopping and starting again on the same state directory, checked by process id and by data.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class LifecycleTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"authapp-lifecycle-{Guid.NewGuid():N}");

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppingLeavesNoProcessBehindAndASecondRunReusesTheDataDespiteAStalePidFile()
    {
        string[] args = [$"--AppHost:StateDirectory={_state}"];
        var email = ApiClient.NewEmail();

        var first = await AppHostFixture.StartAsync(args);
        IReadOnlyList<int> pids;
        try
        {
            using var api = first.CreateHttpClient("api");
            await ApiClient.RegisterAsync(api, email);
            await MarkDatabaseAsync(first);
            pids = [.. first.ResourceNotifications.Current.Values
                .Where(s => s.ProcessId is not null)
                .SelectMany(s => ProcessTree.WithDescendants(s.ProcessId!.Value))];
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
        var token = await ApiClient.TokenAsync(secondApi, email);
        Assert.Equal(email, await ApiClient.MyEmailAsync(secondApi, token));
        Assert.True(await DatabaseIsMarkedAsync(second));
        await second.StopAsync(Cancel);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

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
