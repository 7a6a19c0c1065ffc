using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Hosting;

/// <summary>The running (or publishing) application, like Aspire's <c>DistributedApplication</c>.</summary>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;

    internal DistributedApplication(IHost host) => _host = host;

    /// <summary>Creates the builder an AppHost's <c>Program.cs</c> starts from.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    /// <summary>Creates a builder with explicit options (used by the testing builder).</summary>
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(options);

    /// <inheritdoc />
    public IServiceProvider Services => _host.Services;

    /// <summary>Resource states and health.</summary>
    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>Console output of each resource.</summary>
    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    /// <summary>
    /// Runs until Ctrl+C or SIGTERM, then stops every resource. When the application cannot start (a missing
    /// prerequisite, a taken port) it prints why and sets a non-zero exit code instead of a stack trace.
    /// </summary>
    public void Run()
    {
        try
        {
            _host.Run();
        }
        catch (DistributedApplicationException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host stops.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _host.RunAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
