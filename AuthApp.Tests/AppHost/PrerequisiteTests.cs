using AuthApp.Hosting;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>What the AppHost says when the servers it runs are missing or their data cannot be used.</summary>
public sealed class PrerequisiteTests : IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("authapp-nobinaries-").FullName;

    [Fact]
    public async Task MissingServersAreNamedWithTheExactCommandsToInstallThem()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            [$"--AppHost:BinaryPath={_empty}"], TestContext.Current.CancellationToken);
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("PostgreSQL (postgres, initdb) and Redis (redis-server) not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install postgresql redis-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install postgresql redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFolderOfAnotherMajorVersionIsRefusedWithBothVersionsAndHowToReset()
    {
        var folder = Path.Combine(_empty, "postgres");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(folder, "data", "PG_VERSION"), "9\n", TestContext.Current.CancellationToken);
        var installed = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).ToArray();
        var cluster = new PostgresCluster(folder, installed);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => cluster.PrepareAsync("unused-password", TestContext.Current.CancellationToken));

        Assert.Contains("created by PostgreSQL 9", error.Message, StringComparison.Ordinal);
        Assert.Contains($"installed server is PostgreSQL {Path.GetFileName(Path.GetDirectoryName(installed[0]))}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"delete {folder}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_empty, recursive: true);
}
