using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Registers the local orchestrator (only when the AppHost runs the model, not when it publishes).</summary>
internal static class OrchestrationServiceCollectionExtensions
{
    public static IServiceCollection AddOrchestration(this IServiceCollection services, AppHostInfo appHost)
    {
        services.AddOptions<AppHostOptions>()
            .BindConfiguration(AppHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        services.AddSingleton(appHost);
        services.AddSingleton<StateDirectory>();
        services.AddSingleton(sp => new ParameterStore(Path.Combine(sp.GetRequiredService<StateDirectory>().Path, ParameterStore.FileName)));
        services.AddSingleton<ParameterResolver>();
        services.AddSingleton<PortAllocator>();
        services.AddSingleton<ServerBinaries>();
        services.AddSingleton<ConsoleEcho>();
        services.AddSingleton<ProcessSupervisor>();
        services.AddSingleton<HealthWaiter>();
        services.AddSingleton<HealthProbes>();
        services.AddSingleton<ProjectOutputs>();
        services.AddSingleton<ProjectEnvironment>();
        services.AddSingleton<IResourceRunner, PostgresRunner>();
        services.AddSingleton<IResourceRunner, PostgresDatabaseRunner>();
        services.AddSingleton<IResourceRunner, RedisRunner>();
        services.AddSingleton<IResourceRunner, ProjectRunner>();
        services.AddSingleton<ISummaryLineProvider, ModelSummaryLines>();
        services.AddSingleton<StartupSummary>();
        services.AddSingleton<Orchestrator>();
        services.AddHostedService(sp => sp.GetRequiredService<Orchestrator>());
        services.AddSingleton<IResourceCommandService, ResourceCommandService>();
        return services;
    }
}
