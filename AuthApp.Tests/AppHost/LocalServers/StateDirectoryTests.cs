using AuthApp.LocalServers;

namespace AuthApp.Tests.AppHost.LocalServers;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _repository = StateFolders.Create("authapp-repo-");

    [Fact]
    public void DefaultIsDotAuthappAtTheRepositoryRootAboveTheAppHost()
    {
        File.WriteAllText(Path.Combine(_repository, "AuthApp.slnx"), "<Solution />");
        var appHost = Directory.CreateDirectory(Path.Combine(_repository, "AuthApp.AppHost")).FullName;

        var state = StateDirectory.Resolve(configured: null, appHost);

        Assert.Equal(Path.Combine(_repository, ".authapp"), state.Path);
        Assert.Null(state.MovedFrom);
    }

    [Fact]
    public void ConfiguredRelativePathIsTakenFromTheAppHostFolder()
    {
        var appHost = Directory.CreateDirectory(Path.Combine(_repository, "AuthApp.AppHost")).FullName;

        Assert.Equal(Path.Combine(_repository, "state"), StateDirectory.Resolve("../state", appHost).Path);
        Assert.Equal("/var/lib/authapp", StateDirectory.Resolve("/var/lib/authapp", appHost).Path);
    }

    [Fact]
    public void AsRootAClonePrivateToRootKeepsItsDataWhereThePostgresUserCanReachIt()
    {
        Assert.SkipUnless(Environment.UserName == "root", "Only root runs PostgreSQL as the postgres user.");
        File.WriteAllText(Path.Combine(_repository, "AuthApp.slnx"), "<Solution />");
        var appHost = Directory.CreateDirectory(Path.Combine(_repository, "AuthApp.AppHost")).FullName;
        File.SetUnixFileMode(_repository, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var state = StateDirectory.Resolve(configured: null, appHost);

        Assert.Equal(Path.Combine(_repository, ".authapp"), state.MovedFrom);
        Assert.StartsWith(StateDirectory.SharedRoot + "/", state.Path, StringComparison.Ordinal);
        Assert.Equal(state.Path, StateDirectory.Resolve(configured: null, appHost).Path);
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);
}
