using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting;

/// <summary><c>AddProject</c>: a .NET project of this repository, referenced by path.</summary>
public static class ProjectBuilderExtensions
{
    /// <summary>
    /// Adds a project with an <c>http</c> endpoint. <paramref name="projectPath"/> is relative to the AppHost
    /// folder (Aspire's <c>AddProject(name, path)</c> overload).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        return builder.AddResource(new ProjectResource(name, fullPath))
            .WithAnnotation(new EndpointAnnotation("http", "http"));
    }
}
