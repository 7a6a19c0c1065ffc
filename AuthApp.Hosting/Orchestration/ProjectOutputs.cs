using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Where a project's built assembly is. The AppHost's build records each referenced project's target path as
/// <c>ProjectTargetPath:&lt;csproj full path&gt;</c> assembly metadata; without it, the conventional
/// <c>bin/&lt;Configuration&gt;/net10.0/&lt;name&gt;.dll</c> is used.
/// </summary>
internal sealed class ProjectOutputs(AppHostInfo appHost)
{
    public const string MetadataPrefix = "ProjectTargetPath:";

    public string TargetPath(ProjectResource project)
    {
        var projectDirectory = Path.GetDirectoryName(project.ProjectPath)!;
        var path = appHost.Metadata(MetadataPrefix + project.ProjectPath)
            ?? Path.Combine(projectDirectory, "bin", appHost.Configuration, "net10.0", Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
        return File.Exists(path)
            ? path
            : throw new DistributedApplicationException(
                $"Project '{project.Name}' is not built: {path} is missing. Build it with `dotnet build {project.ProjectPath} -c {appHost.Configuration}`, " +
                "or start the AppHost with `dotnet run --project AuthApp.AppHost`, which builds it.");
    }
}
