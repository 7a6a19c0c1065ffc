using AuthApp.Tests.Faults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Tests.Rotation;

/// <summary>
/// The secret folder as Kubernetes and the Secrets Store CSI driver update it: the visible files are symlinks into
/// `..data`, itself a symlink swapped in one rename to a new timestamped folder (decision 0094).
/// </summary>
public sealed class SecretFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("authapp-mount-").FullName;

    [Fact]
    public async Task AValueChangedTheWayKubernetesUpdatesAMountReachesTheRunningService()
    {
        Publish("generation-1", "first-password");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [$"--Secrets:Directory={_folder}"] });
        builder.AddSecretFolder();
        var password = new SecretSetting(builder.Configuration, "Storage:PostgresPassword", () => null);
        var seen = new List<string>();
        password.OnChange(seen.Add);
        Assert.Equal("first-password", password.Current);

        Publish("generation-2", "second-password");

        await Poll.UntilAsync(() => password.Current == "second-password", TimeSpan.FromSeconds(15), "the new value to be read");
        Assert.Equal("first-password", password.Previous);
        Assert.Equal(["second-password"], seen);
        // Kubernetes' own entries are not settings.
        Assert.DoesNotContain(builder.Configuration.AsEnumerable(), pair => pair.Key.StartsWith("..", StringComparison.Ordinal));
    }

    /// <summary>What the kubelet's atomic writer does: a new folder, then `..data` swapped to it in one rename.</summary>
    private void Publish(string generation, string value)
    {
        var target = Directory.CreateDirectory(Path.Combine(_folder, $"..{generation}")).FullName;
        File.WriteAllText(Path.Combine(target, "Storage__PostgresPassword"), value + "\n"); // files often end in a newline
        var temporary = Path.Combine(_folder, "..data_tmp");
        File.CreateSymbolicLink(temporary, $"..{generation}");
        // rename(2) over the old link, as the kubelet does (File.Move refuses a destination that resolves to a folder).
        using (var rename = System.Diagnostics.Process.Start("mv", ["-T", temporary, Path.Combine(_folder, "..data")]))
        {
            rename.WaitForExit();
            Assert.Equal(0, rename.ExitCode);
        }

        var visible = Path.Combine(_folder, "Storage__PostgresPassword");
        if (!File.Exists(visible)) File.CreateSymbolicLink(visible, Path.Combine("..data", "Storage__PostgresPassword"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
