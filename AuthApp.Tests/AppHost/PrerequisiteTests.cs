using System.Net;
using System.Net.Sockets;
using AuthApp.LocalServers;
using AuthApp.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>What the AppHost says when the servers it runs are missing or their data cannot be used.</summary>
public sealed class PrerequisiteTests : IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("authapp-nobinaries-").FullName;

    [Fact]
    public async Task MissingServerIsNamedWithTheExactCommandsToInstallIt()
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            [$"--AppHost:BinaryPath={_empty}", "--AppHost:Servers=executables"], TestContext.Current.CancellationToken));

        var error = Assert.IsType<DistributedApplicationException>(Innermost(thrown));
        Assert.Contains("PostgreSQL (postgres, initdb) not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install postgresql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadAppHostSettingsEndWithOneLinePerKeyExitCodeOneAndNoStackTrace()
    {
        var result = await Publishing.ProcessRunner.AppHostAsync(
            ["--AppHost:Servers=vms", "--AppHost:IntrospectionClients:orders-api=hunter2"]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Startup stopped: AppHost:Servers is not one of the allowed values: use auto, executables or containers.", lines);
        Assert.Contains("Startup stopped: AppHost:IntrospectionClients:orders-api must be a secret of at least 16 characters.", lines);
        Assert.DoesNotContain("hunter2", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyFixedPortEndsWithOneLineNamingItExitCodeOneAndNoStackTrace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        // A state folder the postgres user may enter, as the run may be root's.
        var state = ThrowawayAppHost.NewStateDirectory("authapp-busyport-");
        // The dashboard's address as the launch profile gives it under ./run.sh, on a port another process holds.
        var result = await Publishing.ProcessRunner.AppHostAsync(ThrowawayAppHost.Arguments(state), new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{Infrastructure.ProcessRunner.FreePort()}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        });

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, line => line.StartsWith($"Startup stopped: ASPNETCORE_URLS: port {port} (http://localhost:{port}) is in use by another process", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.StartsWith("Startup stopped: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        // Stopped before any resource existed: no server was started on the state folder.
        Assert.False(Directory.Exists(Path.Combine(state, "postgres", "data")));
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task AStateFolderThePostgresUserCannotEnterEndsWithOneLineAndExitCodeOne()
    {
        // Only root hands PostgreSQL to the postgres user; as anyone else every folder the user owns is reachable.
        Assert.SkipUnless(Environment.UserName == "root" && !OperatingSystem.IsWindows(), "Only a root run hands PostgreSQL to another user.");
        if (OperatingSystem.IsWindows()) return; // for the platform analyzer: SetUnixFileMode below
        var parent = Directory.CreateTempSubdirectory("authapp-private-");
        File.SetUnixFileMode(parent.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var state = Path.Combine(parent.FullName, "state");

        var result = await Publishing.ProcessRunner.AppHostAsync(ThrowawayAppHost.Arguments(state), new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
        });

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"Startup stopped: AppHost:StateDirectory ({state}) cannot be entered by the postgres user", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        parent.Delete(recursive: true);
    }

    [Fact]
    public async Task DataFolderOfAnotherMajorVersionIsRefusedWithBothVersionsAndHowToReset()
    {
        var folder = Path.Combine(_empty, "postgres");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(folder, "data", "PG_VERSION"), "9\n", TestContext.Current.CancellationToken);
        var installed = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).ToArray();
        var cluster = new PostgresDataFolder(folder, installed);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => cluster.PrepareAsync("unused-password", TestContext.Current.CancellationToken));

        Assert.Contains("created by PostgreSQL 9", error.Message, StringComparison.Ordinal);
        Assert.Contains($"installed server is PostgreSQL {Path.GetFileName(Path.GetDirectoryName(installed[0]))}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"delete {folder}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_empty, recursive: true);

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
