using AuthApp.Testing;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.AppHost;

/// <summary>One running AuthApp (real Postgres, Redis, migrations, API and Web processes) shared by a collection's tests.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _state = StateFolders.Create("authapp-e2e-");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>What the AppHost logged, resources' console output included (category <c>…Resources.&lt;name&gt;</c>).</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>
    /// The collection's tests all log in from this machine's address, the admin site's sign-ins included, and can pass
    /// the default 20 logins a minute per address (a CI run did); the limit itself is tested in <c>RateLimitTests</c>
    /// and <c>SignInRateLimitTests</c>.
    /// </summary>
    public async ValueTask InitializeAsync() =>
        App = await StartAsync(Arguments(_state), Logs, builder => builder.SetEnvironment("api", ("RateLimits__token__PermitLimit", "10000")));

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        StateFolders.Delete(_state);
    }

    /// <inheritdoc cref="ThrowawayAppHost.Arguments"/>
    public static string[] Arguments(string stateDirectory, params string[] more) => ThrowawayAppHost.Arguments(stateDirectory, more);

    /// <summary>
    /// Builds and starts the AppHost's model, and waits until the API and the Web site are healthy.
    /// <paramref name="configureBuilder"/> sets options the testing builder fixes before the model exists (the dashboard).
    /// </summary>
    public static async Task<DistributedApplication> StartAsync(
        string[] args,
        LogCollector? logs = null,
        Action<IDistributedApplicationTestingBuilder>? configure = null,
        Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? configureBuilder = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(args, configureBuilder ?? ((_, _) => { }));
        logs ??= new LogCollector();
        builder.Services.AddSingleton<ILoggerProvider>(logs);
        configure?.Invoke(builder);

        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        // A resource that fails to start leaves its dependants waiting for ever: stop waiting at once instead.
        _ = CancelOnFailedStartAsync(app, timeout);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            var report = app.Describe(logs);
            await app.StopAsync();
            await app.DisposeAsync();
            throw new InvalidOperationException($"AuthApp did not come up: {e.Message}{Environment.NewLine}{report}", e);
        }

        return app;
    }

    private static async Task CancelOnFailedStartAsync(DistributedApplication app, CancellationTokenSource timeout)
    {
        try
        {
            await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (resourceEvent.Snapshot.State?.Text == KnownResourceStates.FailedToStart)
                {
                    await timeout.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Started, or gave up: nothing to cancel.
        }
    }

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
