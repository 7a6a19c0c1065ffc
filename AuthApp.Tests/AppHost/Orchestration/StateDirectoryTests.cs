using AuthApp.Hosting.Orchestration;

namespace AuthApp.Tests.AppHost.Orchestration;

public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("authapp-repo-").FullName;

    [Fact]
    public void DefaultIsDotAuthappAtTheRepositoryRootAboveTheAppHost()
    {
        File.WriteAllText(Path.Combine(_repository, "AuthApp.slnx"), "<Solution />");
        var appHost = Directory.CreateDirectory(Path.Combine(_repository, "AuthApp.AppHost")).FullName;

        Assert.Equal(Path.Combine(_repository, ".authapp"), StateDirectory.Resolve(configured: null, appHost));
    }

    [Fact]
    public void ConfiguredRelativePathIsTakenFromTheAppHostFolder()
    {
        var appHost = Directory.CreateDirectory(Path.Combine(_repository, "AuthApp.AppHost")).FullName;

        Assert.Equal(Path.Combine(_repository, "state"), StateDirectory.Resolve("../state", appHost));
        Assert.Equal("/var/lib/authapp", StateDirectory.Resolve("/var/lib/authapp", appHost));
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);
}
