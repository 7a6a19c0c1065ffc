using AuthApp.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Hosting.Testing;

/// <summary>Access to a running application's resources from tests, as in Aspire.Hosting.Testing.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose base address is the resource's endpoint (its first http endpoint by default).</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null) =>
        new() { BaseAddress = app.GetEndpoint(resourceName, endpointName) };

    /// <summary>The URL of a resource's endpoint (its first http endpoint by default).</summary>
    public static Uri GetEndpoint(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>()[resourceName];
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>()
            .FirstOrDefault(e => endpointName is null ? e.UriScheme is "http" or "https" : e.Name == endpointName)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no endpoint '{endpointName ?? "http"}'.");
        var allocated = endpoint.AllocatedEndpoint
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no port yet: start the application first.");
        return new Uri(allocated.Url);
    }

    /// <summary>The connection string a referencing project receives for the resource.</summary>
    public static ValueTask<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default) =>
        app.Services.GetRequiredService<DistributedApplicationModel>()[resourceName] is IResourceWithConnectionString resource
            ? resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
            : throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");
}
