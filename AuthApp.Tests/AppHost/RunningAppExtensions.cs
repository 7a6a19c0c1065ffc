using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Tests.AppHost;

/// <summary>Reading a running app's resources the way the tests need: current snapshots, pids, waits and logs.</summary>
internal static class RunningAppExtensions
{
    public static ResourceSnapshotView Current(this DistributedApplication app, string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var resourceEvent)
            ? new ResourceSnapshotView(resourceEvent.Snapshot)
            : throw new InvalidOperationException($"No state for resource '{resource}'.");

    /// <summary>Waits for a state with the suite's time limit.</summary>
    public static async Task<ResourceSnapshotView> WaitForStateAsync(this DistributedApplication app, string resource, Func<ResourceSnapshotView, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(AppHostFixture.StartTimeout);
        var resourceEvent = await app.ResourceNotifications.WaitForResourceAsync(resource, e => predicate(new ResourceSnapshotView(e.Snapshot)), timeout.Token);
        return new ResourceSnapshotView(resourceEvent.Snapshot);
    }

    /// <summary>Runs one of Aspire's resource commands (<c>start</c>, <c>stop</c>, <c>restart</c>) and fails the test when it fails.</summary>
    public static async Task CommandAsync(this DistributedApplication app, string resource, string command)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, command, TestContext.Current.CancellationToken);
        Assert.True(result.Success, $"{command} {resource}: {result.Message}");
    }

    /// <summary>The value of a parameter of the model (secrets included: tests set them).</summary>
    public static async Task<string> ParameterAsync(this DistributedApplication app, string name)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
        return await parameter.GetValueAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"{name} has no value.");
    }

    /// <summary>The bootstrap admin of the running system: the email has a default, the password was set for this run.</summary>
    public static (string Email, string Password) BootstrapAdmin(this DistributedApplication app) =>
        (app.ParameterAsync("admin-email").GetAwaiter().GetResult(), app.ParameterAsync("admin-password").GetAwaiter().GetResult());

    /// <summary>Every resource's state and its last console lines, for failure messages.</summary>
    public static string Describe(this DistributedApplication app, LogCollector logs)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        return string.Join(Environment.NewLine, model.Resources.Where(r => r is not ParameterResource).Select(r =>
        {
            var state = app.ResourceNotifications.TryGetCurrentState(r.Name, out var e) ? new ResourceSnapshotView(e.Snapshot).ToString() : "no state";
            var lines = logs.Lines.Where(l => l.Category.EndsWith($".Resources.{r.Name}", StringComparison.Ordinal)).TakeLast(20);
            return $"{r.Name}: {state}{Environment.NewLine}{string.Join(Environment.NewLine, lines.Select(l => "    " + l.Message))}";
        }));
    }
}

/// <summary>The parts of Aspire's resource snapshot the tests read.</summary>
internal sealed record ResourceSnapshotView(CustomResourceSnapshot Snapshot)
{
    public string? State => Snapshot.State?.Text;

    public Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus? HealthStatus => Snapshot.HealthStatus;

    public int? ExitCode => Snapshot.ExitCode;

    public int? ProcessId => Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
    {
        int pid => pid,
        long pid => (int)pid,
        string text when int.TryParse(text, out var pid) => pid,
        _ => null,
    };

    public IReadOnlyDictionary<string, string?> Environment =>
        Snapshot.EnvironmentVariables.Where(v => v.IsFromSpec).GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Last().Value);

    public IReadOnlyList<UrlSnapshot> Urls => Snapshot.Urls;

    public override string ToString() => $"{State} {HealthStatus} exit={ExitCode}";
}
