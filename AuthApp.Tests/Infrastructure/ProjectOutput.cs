namespace AuthApp.Tests.Infrastructure;

/// <summary>Where a project of the solution built its assembly: the same configuration the tests were built in.</summary>
internal static class ProjectOutput
{
    public static string Assembly(string projectPath)
    {
        // The tests run from AuthApp.Tests/bin/<Configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        var folder = Path.GetDirectoryName(projectPath)!;
        return Path.Combine(folder, "bin", configuration, framework.Name, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
    }
}
