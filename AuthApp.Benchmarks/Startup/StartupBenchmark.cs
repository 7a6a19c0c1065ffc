using AuthApp.Testing;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthApp.Benchmarks.Startup;

/// <summary>
/// Times the AppHost's model from start to "every resource healthy" (migrations finished), through the testing
/// builder with real processes: cold = a new state directory (initdb, first migration), warm = existing data.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(StartupBenchmarkOptions options)
    {
        var root = Directory.CreateTempSubdirectory("authapp-bench-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Temporary folders are created 700; the postgres user (the server runs as it under root) must traverse it.
            File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        try
        {
            Console.WriteLine($"Startup of AuthApp.AppHost's model, {options.Runs} timed run(s) per scenario (plus one untimed warm-up)...");
            var warmState = Path.Combine(root, "warm");
            // The warm runs reuse one set of secrets: the data folder keeps the password it was initialised with.
            var warmArguments = ThrowawayAppHost.Arguments(warmState, "--Logging:LogLevel:Default=Warning");
            await TimeOneAsync(warmArguments); // builds the warm data and loads the code paths once

            var cold = new List<TimeSpan>();
            var warm = new List<TimeSpan>();
            for (var run = 1; run <= options.Runs; run++)
            {
                cold.Add(await TimeOneAsync(ThrowawayAppHost.Arguments(Path.Combine(root, $"cold-{run}"), "--Logging:LogLevel:Default=Warning")));
                warm.Add(await TimeOneAsync(warmArguments));
                Console.WriteLine($"  run {run}: cold {cold[^1].TotalSeconds:0.00} s, warm {warm[^1].TotalSeconds:0.00} s");
            }

            Console.WriteLine();
            Console.WriteLine("| Scenario | Runs | Median (s) | Min (s) | Max (s) |");
            Console.WriteLine("|----------|-----:|-----------:|--------:|--------:|");
            PrintRow("cold (new state directory)", cold);
            PrintRow("warm (existing data)", warm);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeOneAsync(string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(arguments);
        await using var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(Limit);
        string[] names = ["postgres", "authdb", "redis", "migrations", "api", "web"];
        var ends = await Task.WhenAll(names.Select(name => app.ResourceNotifications.WaitForResourceAsync(name, IsSettled, timeout.Token)));
        var elapsed = clock.Elapsed;
        await app.StopAsync();
        var failed = names.Zip(ends).Where(e => e.Second.Snapshot.State?.Text == KnownResourceStates.FailedToStart || e.Second.Snapshot.State?.Text == KnownResourceStates.Exited).ToList();
        return failed.Count == 0
            ? elapsed
            : throw new DistributedApplicationException($"Startup failed: {string.Join(", ", failed.Select(f => $"{f.First} {f.Second.Snapshot.State?.Text}"))}.");
    }

    private static bool IsSettled(ResourceEvent e) =>
        KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text)
        || (e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy);

    private static void PrintRow(string scenario, List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        var median = sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine($"| {scenario} | {times.Count} | {median.TotalSeconds:0.00} | {sorted[0].TotalSeconds:0.00} | {sorted[^1].TotalSeconds:0.00} |");
    }
}
