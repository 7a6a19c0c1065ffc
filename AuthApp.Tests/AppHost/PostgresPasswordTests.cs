using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthApp.Tests.AppHost;

/// <summary>A Postgres data folder whose password is no longer known is reported with the way out, never a silent hang.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class PostgresPasswordTests : IDisposable
{
    private readonly string _state = StateFolders.Create("authapp-pgpass-");

    [Fact]
    public async Task DataInitialisedWithAnotherPasswordIsReportedWithHowToRecover()
    {
        await using (var first = await BuildAsync("the-first-password-1234"))
        {
            await first.StartAsync(Timeout());
            await first.ResourceNotifications.WaitForResourceHealthyAsync("postgres", Timeout());
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await BuildAsync("not-the-password-of-the-data");
        // Not awaited: StartAsync returns once every resource has started, and the migrations wait for a healthy
        // PostgreSQL that never comes.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var starting = second.StartAsync(stop.Token);

        var refused = await second.WaitForStateAsync("postgres", s =>
            s.Snapshot.HealthReports.Any(r => r.Status == HealthStatus.Unhealthy && r.Description?.Contains("refuses the password", StringComparison.Ordinal) == true));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        await second.StopAsync(TestContext.Current.CancellationToken);

        var reason = refused.Snapshot.HealthReports.Single(r => r.Status == HealthStatus.Unhealthy).Description!;
        Assert.Contains("Parameters:postgres-password", reason, StringComparison.Ordinal);
        Assert.Contains($"delete {Path.Combine(_state, "postgres")}", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-of-the-data", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("the-first-password", reason, StringComparison.Ordinal);
    }

    public void Dispose() => StateFolders.Delete(_state);

    private static CancellationToken Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(AppHostFixture.StartTimeout);
        return timeout.Token;
    }

    private async Task<DistributedApplication> BuildAsync(string postgresPassword)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            AppHostFixture.Arguments(_state, $"--Parameters:postgres-password={postgresPassword}"), TestContext.Current.CancellationToken);
        return await builder.BuildAsync(TestContext.Current.CancellationToken);
    }
}
