namespace AuthApp.AppHost;

/// <summary>The API's Scalar page as a second URL on the dashboard, where the API serves it (Development only).</summary>
internal static class ApiReferenceUrl
{
    public static IResourceBuilder<ProjectResource> WithApiReferenceUrl(this IResourceBuilder<ProjectResource> api) =>
        IsServed(api.ApplicationBuilder)
            ? api.WithUrlForEndpoint("http", endpoint => new ResourceUrlAnnotation { Url = "/scalar/v1", DisplayText = "API reference" })
            : api;

    /// <summary>The API runs in the AppHost's environment, and maps Scalar only in Development.</summary>
    public static bool IsServed(IDistributedApplicationBuilder builder) => builder.Environment.EnvironmentName == "Development";
}
