using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Runs a built project as <c>dotnet &lt;TargetPath&gt;</c> in its project folder, with the Aspire environment.</summary>
internal sealed class ProjectRunner(ProjectOutputs outputs, ProjectEnvironment environment, HealthProbes probes)
    : IResourceRunner
{
    public string ResourceType => "Project";

    public bool CanRun(IResource resource) => resource is ProjectResource;

    public bool HasHealthCheck(IResource resource) => resource.Annotations.OfType<HttpHealthCheckAnnotation>().Any();

    public async Task<ProcessSpec?> PrepareAsync(IResource resource, CancellationToken cancellationToken)
    {
        var project = (ProjectResource)resource;
        var targetPath = outputs.TargetPath(project);
        var arguments = project.Annotations.OfType<CommandLineArgsAnnotation>().SelectMany(a => a.Args);
        return new ProcessSpec(DotnetHost(), [targetPath, .. arguments], Path.GetDirectoryName(project.ProjectPath)!)
        {
            Environment = await environment.BuildAsync(project, cancellationToken),
        };
    }

    public async Task<bool> ProbeAsync(IResource resource, CancellationToken cancellationToken)
    {
        var project = (ProjectResource)resource;
        foreach (var check in project.Annotations.OfType<HttpHealthCheckAnnotation>())
        {
            var url = new Uri(new Uri(project.GetEndpoint(check.EndpointName).Annotation.AllocatedEndpoint!.Url), check.Path);
            if (!await probes.HttpAsync(url, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The dotnet host running this AppHost (or the test host), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
    }
}
