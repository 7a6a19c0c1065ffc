using AuthApp.Hosting;
using AuthApp.Hosting.Runtime;
using AuthApp.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.AppHost;

/// <summary>One running AuthApp (real Postgres, Redis, migrations, API and Web processes) shared by a collection's tests.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>What the AppHost itself logged (crash reports, health).</summary>
    public LogCollector Logs { get; } = new();

    public async ValueTask InitializeAsync() => App = await StartAsync([], Logs);

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>Builds and starts the AppHost's model, and waits until the API and the Web site are healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(string[] args, LogCollector? logs = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(args);
        if (logs is not null)
        {
            builder.Services.AddSingleton<ILoggerProvider>(logs);
        }

        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            var report = Describe(app);
            await app.StopAsync();
            await app.DisposeAsync();
            throw new InvalidOperationException($"AuthApp did not come up: {e.Message}{Environment.NewLine}{report}", e);
        }

        return app;
    }

    /// <summary>Every resource's state and its last output lines, for failure messages.</summary>
    public static string Describe(DistributedApplication app) => string.Join(Environment.NewLine,
        app.ResourceNotifications.Current.Where(r => r.Value.ResourceType != "Parameter").Select(r =>
            $"{r.Key}: {r.Value.State} {r.Value.HealthStatus} exit={r.Value.ExitCode}{Environment.NewLine}" +
            string.Join(Environment.NewLine, app.ResourceLogs.GetBacklog(r.Key).TakeLast(20).Select(l => "    " + l.Content))));
}

/// <summary>
/// The shared running system. Not run in parallel with other collections: its processes would compete for the
/// two cores with timing-sensitive tests elsewhere in the suite.
/// </summary>
[CollectionDefinition(nameof(AppHostCollection), DisableParallelization = true)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>;

/// <summary>Tests that start their own applications; also kept apart from parallel collections.</summary>
[CollectionDefinition(nameof(StandaloneAppHostCollection), DisableParallelization = true)]
public sealed class StandaloneAppHostCollection;

/// <summary>Waits on resource states with the suite's time limit.</summary>
internal static class ResourceWaits
{
    public static async Task<ResourceSnapshot> WaitForStateAsync(this DistributedApplication app, string resource, Func<ResourceSnapshot, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(AppHostFixture.StartTimeout);
        return await app.ResourceNotifications.WaitForAsync(resource, predicate, timeout.Token);
    }
}
