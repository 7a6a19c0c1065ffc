using System.Globalization;
using AuthApp.Benchmarks.Api;
using AuthApp.Benchmarks.Load;

namespace AuthApp.Benchmarks.Overload;

/// <summary>
/// <c>overload</c>: token checks (<c>GET /users/me</c>) at 1×, 2× and 4× the load benchmark's concurrency, while one
/// more connection probes <c>/alive</c>, first with the API's default load shedding (<c>Overload:*</c>), then with
/// shedding switched off, in the same run. wrk is closed-loop: each connection sends its next request when the last
/// is answered, so 4× the connections is 4× the offered concurrency at the measured capacity.
/// </summary>
internal static class OverloadBenchmark
{
    private const string Password = "violet-Harbour-kettle-42";

    private static readonly int[] Levels = [1, 2, 4];

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Shedding off: limits far above anything wrk can open here.</summary>
    private static readonly Dictionary<string, string> Unlimited = new()
    {
        ["Overload__MaxConcurrentRequests"] = "100000",
        ["Overload__QueueLimit"] = "100000",
    };

    public static async Task<int> RunAsync(LoadOptions options)
    {
        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine(Wrk.InstallHint);
            return 1;
        }

        var rows = new List<string>();
        foreach (var (name, settings) in new[] { ("shedding on (defaults)", (Dictionary<string, string>?)null), ("shedding off", Unlimited) })
        {
            Console.WriteLine($"Starting the system, {name} ...");
            await using var system = await RunningAuthApp.StartAsync(settings);
            var email = await system.RegisterAsync(Password);
            var (access, _) = await system.TokenAsync(new() { ["grant_type"] = "password", ["username"] = email, ["password"] = Password });
            using var scripts = new TemporaryScripts();
            var me = scripts.Write("me.lua", WrkScripts.Fixed("GET", "/users/me", new Dictionary<string, string> { ["Authorization"] = $"Bearer {access}" }, null));
            var alive = scripts.Write("alive.lua", WrkScripts.Fixed("GET", "/alive", new Dictionary<string, string>(), null));
            var api = system.Api.BaseAddress!;
            await Wrk.RunAsync(new Uri(api, "/users/me"), me, options, LoadBenchmark.FirstWarmUp);
            foreach (var level in Levels)
            {
                var load = options with { Connections = options.Connections * level };
                Console.WriteLine($"  {level}× ({load.Connections} connections) ...");
                await Wrk.RunAsync(new Uri(api, "/users/me"), me, load, WarmUp);
                var probe = Wrk.RunAsync(new Uri(api, "/alive"), alive, options with { Connections = 1, Threads = 1 }, options.Duration);
                var checks = await Wrk.RunAsync(new Uri(api, "/users/me"), me, load, options.Duration);
                var health = await probe;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {level}× ({load.Connections}) | {checks.RequestsPerSecond - (checks.Non2xx / options.Duration.TotalSeconds):N0} | {Ms(checks.P50)} | {Ms(checks.P99)} | "
                    + $"{100.0 * checks.Non2xx / Math.Max(1, checks.Requests):0.0}% | {Ms(health.P50)} | {Ms(health.P99)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"GET /users/me under wrk -t{options.Threads} at 1×, 2× and 4× of {options.Connections} connections, {options.Duration.TotalSeconds:0} s each, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; /alive probed by one more connection meanwhile.");
        Console.WriteLine();
        Console.WriteLine("| API | offered (connections) | answered 200 /s | p50 | p99 | shed (503) | /alive p50 | /alive p99 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine();
        Console.WriteLine($"p50 and p99 cover every answer, the fast 503s included. Defaults: Overload:MaxConcurrentRequests = 32 per core, Overload:QueueLimit = 8 per core ({Environment.ProcessorCount} cores here). Shedding off: {string.Join(", ", Unlimited.Select(s => $"{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}"))}.");
        Console.WriteLine(RunningAuthApp.SettingsNote);
        return 0;
    }

    private static string Ms(TimeSpan latency) => string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMilliseconds:0.0} ms");
}
