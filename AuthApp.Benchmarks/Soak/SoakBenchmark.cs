using System.Globalization;
using AuthApp.Benchmarks.Api;
using AuthApp.Benchmarks.Load;
using Aspire.Hosting.Testing;
using StackExchange.Redis;

namespace AuthApp.Benchmarks.Soak;

/// <summary>
/// <c>soak</c>: mixed traffic (register, login, check, refresh, revoke, admin list) for a long time against the whole
/// system, with tokens that expire within the run. Prints the API's working set and GC heap, Redis's key count (and
/// keys without an expiry) and the p99 latency at the start and at the end.
/// </summary>
internal static class SoakBenchmark
{
    /// <summary>Short lifetimes, so sessions expire during the soak and leftovers would show in the key count.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth__AccessTokenLifetime"] = "00:01:00",
        ["Auth__RefreshTokenLifetime"] = "00:02:00",
        ["RateLimits__register__PermitLimit"] = "1000000",
    };

    public static async Task<int> RunAsync(SoakOptions options)
    {
        Console.WriteLine($"Starting the system; then {options.Workers} users of mixed traffic for {options.Duration.TotalMinutes:0} minutes.");
        await using var system = await RunningAuthApp.StartAsync(Settings);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await system.App.GetConnectionStringAsync("redis")
            ?? throw new InvalidOperationException("The system has no Redis connection string."));
        var launcher = system.App.ResourceNotifications
            .TryGetCurrentState("api", out var state)
            && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The API's process id is not known.");
        var probe = ApiProcessProbe.ForLauncher(launcher);
        var adminPassword = await SystemSecrets.ParameterAsync(system.App, "admin-password");
        var adminEmail = await SystemSecrets.ParameterAsync(system.App, "admin-email");
        var traffic = new MixedTraffic(system.Api, (adminEmail, adminPassword), options.Duration);
        var workers = Enumerable.Range(0, options.Workers).Select(w => Task.Run(() => traffic.RunWorkerAsync(w))).ToArray();
        // The start figures after the first minute: the JIT has settled and sessions exist. Then one line a minute.
        var trail = new List<string>();
        var minute = 0;
        async Task MinuteAsync()
        {
            minute++;
            trail.Add($"{minute}: {probe.WorkingSetBytes() / 1048576.0:0} MiB, {await redis.GetServers().Single().DatabaseSizeAsync():N0} keys");
        }

        await Task.Delay(TimeSpan.FromMinutes(1));
        await MinuteAsync();
        var start = await SampleAsync(probe, redis);
        while (!Task.WhenAll(workers).Wait(TimeSpan.FromMinutes(1))) await MinuteAsync();
        await Task.WhenAll(workers);
        var end = await SampleAsync(probe, redis);
        var lastMinute = (int)options.Duration.TotalMinutes - 1;

        Console.WriteLine();
        Console.WriteLine($"Soak: {options.Duration.TotalMinutes:0} min, {options.Workers} users, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; "
            + $"{traffic.Requests:N0} requests, {traffic.Errors:N0} errors.");
        Console.WriteLine();
        Console.WriteLine("| | after minute 1 | at the end |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| API working set | {start.WorkingSet / 1048576.0:0} MiB | {end.WorkingSet / 1048576.0:0} MiB |");
        Console.WriteLine($"| API GC heap | {start.GcHeap / 1048576.0:0} MiB | {end.GcHeap / 1048576.0:0} MiB |");
        Console.WriteLine($"| Redis keys | {start.Keys.Keys:N0} | {end.Keys.Keys:N0} |");
        Console.WriteLine($"| Redis keys without expiry | {Describe(start.Keys)} | {Describe(end.Keys)} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| p99 of token checks (GET /users/me) in the minute | {traffic.P99(0, checksOnly: true):0.0} ms (minute 1) | {traffic.P99(lastMinute, checksOnly: true):0.0} ms (minute {lastMinute + 1}) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| p99 of all requests in the minute | {traffic.P99(0, checksOnly: false):0.0} ms (minute 1) | {traffic.P99(lastMinute, checksOnly: false):0.0} ms (minute {lastMinute + 1}) |"));
        Console.WriteLine();
        Console.WriteLine("API working set and Redis keys, minute by minute: " + string.Join("; ", trail));
        Console.WriteLine();
        Console.WriteLine("Settings: " + string.Join(", ", Settings.Select(s => $"{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}")) + "; " + RunningAuthApp.SettingsNote);
        return traffic.Errors == 0 ? 0 : 1;
    }

    private static string Describe(RedisKeyCensus.Census census) =>
        census.WithoutExpiry.Count == 0 ? "none" : string.Join(", ", census.WithoutExpiry.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));

    private static async Task<Sample> SampleAsync(ApiProcessProbe probe, IConnectionMultiplexer redis) =>
        new(probe.WorkingSetBytes(), await probe.GcHeapBytesAsync(), await RedisKeyCensus.TakeAsync(redis));

    private sealed record Sample(long WorkingSet, long GcHeap, RedisKeyCensus.Census Keys);
}
