using AuthApp.Hosting;
using AuthApp.Hosting.Runtime;

namespace AuthApp.Tests.AppHost;

/// <summary>A Postgres data folder whose password is no longer known fails fast with the way out, never a hang.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class PostgresPasswordTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"authapp-pgpass-{Guid.NewGuid():N}");

    [Fact]
    public async Task DataInitialisedWithAnotherPasswordFailsToStartWithHowToRecover()
    {
        await using (var first = BuildPostgresOnly())
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await first.ResourceNotifications.WaitForResourceHealthyAsync("postgres", Timeout());
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        await using var second = BuildPostgresOnly("--Parameters:postgres-password=not-the-password-of-the-data");
        await second.StartAsync(TestContext.Current.CancellationToken);

        var failed = await second.ResourceNotifications.WaitForAsync(
            "postgres", s => s.State == KnownResourceStates.FailedToStart, Timeout());
        await second.StopAsync(TestContext.Current.CancellationToken);

        var reason = second.ResourceLogs.GetBacklog("postgres")[^1].Content;
        Assert.Equal(KnownResourceStates.FailedToStart, failed.State);
        Assert.Contains("refuses the stored password", reason, StringComparison.Ordinal);
        Assert.Contains("Parameters:postgres-password", reason, StringComparison.Ordinal);
        Assert.Contains($"delete {Path.Combine(_state, "postgres")}", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-of-the-data", reason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private static CancellationToken Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(AppHostFixture.StartTimeout);
        return timeout.Token;
    }

    private DistributedApplication BuildPostgresOnly(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--AppHost:StateDirectory={_state}", "--AppHost:EchoOutput=false", .. args],
            AppHostDirectory = AppContext.BaseDirectory,
        });
        builder.AddPostgres("postgres");
        return builder.Build();
    }
}
