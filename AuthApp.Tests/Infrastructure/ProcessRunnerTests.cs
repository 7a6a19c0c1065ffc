namespace AuthApp.Tests.Infrastructure;

/// <summary>A helper command that outlives its timeout is killed, so a stuck tool never outlives the test run.</summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task CommandPastItsTimeoutIsKilledWithItsChildren()
    {
        var marker = $"authapp-timeout-{Guid.NewGuid():N}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ProcessRunner.RunAsync("sh", ["-c", "sleep 30; true", marker], TimeSpan.FromMilliseconds(300)));

        Assert.False(IsAnyProcessRunningWith(marker), $"a process with '{marker}' in its command line is still running");
    }

    [Fact]
    public async Task PublishingToolPastItsTimeoutIsKilledWithItsChildren()
    {
        var marker = $"authapp-timeout-{Guid.NewGuid():N}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Publishing.ProcessRunner.RunAsync("sh", ["-c", "sleep 30; true", marker], timeout: TimeSpan.FromMilliseconds(300)));

        Assert.False(IsAnyProcessRunningWith(marker), $"a process with '{marker}' in its command line is still running");
    }

    private static bool IsAnyProcessRunningWith(string marker) =>
        Directory.GetDirectories("/proc").Any(directory =>
        {
            try
            {
                return int.TryParse(Path.GetFileName(directory), out var pid)
                    && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal)
                    && AppHost.ProcessTree.IsRunning(pid);
            }
            catch (IOException)
            {
                return false;
            }
        });
}
