using System.Runtime.Versioning;
using AuthApp.LocalServers;

namespace AuthApp.Tests.AppHost.LocalServers;

[UnsupportedOSPlatform("windows")]
public sealed class ServerBinariesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("authapp-bin-").FullName;

    [Fact]
    public void OnlyTheMissingServerIsNamedWithItsPackages()
    {
        var redis = Path.Combine(_folder, "redis-server");
        File.WriteAllText(redis, "#!/bin/sh\n");
        File.SetUnixFileMode(redis, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var binaries = new ServerBinaries(_folder);

        var error = Assert.Throws<DistributedApplicationException>(() => binaries.EnsureAvailable(needsPostgres: true, needsRedis: true));

        Assert.Equal(redis, binaries.RedisServer());
        Assert.Contains("Missing prerequisites: PostgreSQL (postgres, initdb) not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install postgresql" + Environment.NewLine, error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install postgresql" + Environment.NewLine, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InstalledPostgresIsFoundUnderUsrLibPostgresql()
    {
        var binaries = new ServerBinaries(binaryPath: null);

        Assert.Contains(binaries.PostgresDirectories(), d => d.StartsWith("/usr/lib/postgresql/", StringComparison.Ordinal) && d.EndsWith("/bin", StringComparison.Ordinal));
        binaries.EnsureAvailable(needsPostgres: true, needsRedis: true);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
