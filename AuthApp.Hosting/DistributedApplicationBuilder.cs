using System.Reflection;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Runtime;
using AuthApp.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Hosting;

/// <summary>Options for <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Command-line arguments of the AppHost.</summary>
    public string[] Args { get; init; } = [];

    /// <summary>Folder of the AppHost project; defaults to the <c>AppHostDirectory</c> assembly metadata of the AppHost assembly.</summary>
    public string? AppHostDirectory { get; init; }

    /// <summary>The AppHost assembly, whose build-time metadata locates the projects; defaults to the entry assembly.</summary>
    public Assembly? AppHostAssembly { get; init; }
}

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<IResource> _resources = [];
    private readonly TestingHook? _testingHook;
    private readonly Assembly? _appHostAssembly;

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        _testingHook = TestingHook.Current;
        options = _testingHook?.Apply(options) ?? options;
        _appHostAssembly = options.AppHostAssembly ?? Assembly.GetEntryAssembly();
        AppHostDirectory = options.AppHostDirectory ?? FindAppHostDirectory(_appHostAssembly);
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = options.Args,
            ContentRootPath = AppHostDirectory,
            ApplicationName = "AuthApp.AppHost",
        });
        // Publishing moved to AuthApp.Aspirate, which reads the manifest the real Aspire AppHost writes (decision 0081).
        Operation = DistributedApplicationOperation.Run;

        _host.Services.AddSingleton(TimeProvider.System);
        _host.Services.AddSingleton<ResourceNotificationService>();
        _host.Services.AddSingleton<ResourceLoggerService>();
    }

    public IConfigurationManager Configuration => _host.Configuration;

    public IServiceCollection Services => _host.Services;

    public string AppHostDirectory { get; }

    public DistributedApplicationOperation Operation { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        // Under the testing builder the AppHost's Program stops here; the test builds and starts it itself.
        _testingHook?.Capture(this);
        _host.Services.AddSingleton(new DistributedApplicationModel(_resources.ToArray(), AppHostDirectory));
        if (Operation == DistributedApplicationOperation.Run)
        {
            _host.Services.AddOrchestration(new AppHostInfo(AppHostDirectory, _appHostAssembly));
        }

        return new DistributedApplication(_host.Build());
    }

    private static string FindAppHostDirectory(Assembly? appHostAssembly) =>
        appHostAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostDirectory")?.Value
        ?? Directory.GetCurrentDirectory();
}
