namespace AuthApp.AppHost;

/// <summary>The API's Scalar page as a second URL on the dashboard, where the API serves it (Development only).</summary>
internal static class ApiReferenceUrl
{
    public static IResourceBuilder<ProjectResource> WithApiReferenceUrl(this IResourceBuilder<ProjectResource> api) =>
        IsServed(api.ApplicationBuilder)
            ? api.WithUrlForEndpoint("http", endpoint => new ResourceUrlAnnotation { Url = "/scalar/v1", DisplayText = "API reference" })
            : api;

    /// <summary>The API maps Scalar only in Development, and runs in the AppHost's environment (<see cref="WithAppHostEnvironment"/>).</summary>
    public static bool IsServed(IDistributedApplicationBuilder builder) => builder.Environment.EnvironmentName == "Development";

    /// <summary>
    /// Runs the project in the AppHost's environment. Its launch profile says Development, which alone would serve the
    /// reference page (and migrate at startup) in a Production run whose summary says neither.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAppHostEnvironment(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode) return project;
        var environment = project.ApplicationBuilder.Environment.EnvironmentName;
        return project.WithEnvironment("ASPNETCORE_ENVIRONMENT", environment).WithEnvironment("DOTNET_ENVIRONMENT", environment);
    }
}
