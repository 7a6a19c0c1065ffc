using AuthApp.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Hosting;

/// <summary>Builds the app model, like Aspire's <c>IDistributedApplicationBuilder</c>.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Configuration of the AppHost (appsettings, environment, command line).</summary>
    IConfigurationManager Configuration { get; }

    /// <summary>Services of the AppHost itself (orchestrator, dashboard, publishers).</summary>
    IServiceCollection Services { get; }

    /// <summary>Folder of the AppHost project; project paths are relative to it.</summary>
    string AppHostDirectory { get; }

    /// <summary>Whether this run starts the application or publishes it.</summary>
    DistributedApplicationOperation Operation { get; }

    /// <summary>Every resource in the order it was added.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Adds a resource; its name must be unique (case-insensitive).</summary>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>Builds the application.</summary>
    DistributedApplication Build();
}
