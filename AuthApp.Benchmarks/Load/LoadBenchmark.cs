using AuthApp.Benchmarks.Api;
using Aspire.Hosting.Testing;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// <c>load</c>: the running system under wrk at a fixed concurrency, each endpoint for the same time, all in one run,
/// next to a floor (one Redis GET behind a minimal endpoint). Prints req/s, p50, p99, non-2xx and the ratio to the floor.
/// </summary>
internal static class LoadBenchmark
{
    private const string Password = "violet-Harbour-kettle-42";

    /// <summary>Sessions minted per second of /revoke; a shortfall is printed, never hidden.</summary>
    private const int RevokePoolPerSecond = 15_000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Before the first figure of each server (the floor's process, then the API): tiered compilation (with dynamic PGO)
    /// takes several seconds of traffic to reach its final code. A 2 s warm-up left the first floor measurement a third
    /// below the last, and the API's first endpoint after it paying for the API's compilation.
    /// </summary>
    public static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine(Wrk.InstallHint);
            return 1;
        }

        Console.WriteLine($"Starting the system; then each endpoint: {WarmUp.TotalSeconds:0} s warm-up ({FirstWarmUp.TotalSeconds:0} s before the first of the floor and of the API), {options.Duration.TotalSeconds:0} s measured, wrk -t{options.Threads} -c{options.Connections}.");
        await using var system = await RunningAuthApp.StartAsync();
        var email = await system.RegisterAsync(Password);
        var passwordForm = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = Password };
        var (access, _) = await system.TokenAsync(passwordForm);
        using var loginContent = new FormUrlEncodedContent(passwordForm);
        var loginBody = await loginContent.ReadAsStringAsync();
        await using var floor = await FloorServer.StartAsync(await system.App.GetConnectionStringAsync("redis")
            ?? throw new InvalidOperationException("The system has no Redis connection string."));
        await using var pool = await SessionPool.CreateAsync(system, access);
        await using var commands = await RedisCommandStats.ConnectAsync(await system.App.GetConnectionStringAsync("redis") ?? "");
        using var scripts = new TemporaryScripts();
        var api = system.Api.BaseAddress!;
        var form = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" };

        var apiCpu = ProcessCpu.Of(system.App, "api");
        var redisCpu = ProcessCpu.Of(system.App, "redis");
        var postgresCpu = ProcessCpu.Of(system.App, "postgres");
        var floorUri = new Uri(floor.Address, FloorServer.Path);
        var rows = new List<LoadRow>();
        var warmed = new HashSet<Uri>();
        async Task MeasureAsync(string name, Uri target, Func<string, TimeSpan, Task<(string Script, string[] Args)>> prepare, string note, LoadOptions? load = null, string? endpoint = null)
        {
            if (endpoint is not null && !options.Includes(endpoint)) return;
            Console.WriteLine($"  {name} ...");
            var warmUp = warmed.Add(new Uri(target, "/")) ? FirstWarmUp : WarmUp;
            var (warmScript, warmArgs) = await prepare("warm", warmUp);
            await Wrk.RunAsync(target, warmScript, load ?? options, warmUp, warmArgs);
            var (script, args) = await prepare("measured", options.Duration);
            // The floor's server is this process; every other row's is the API.
            var server = target == floorUri ? ProcessCpu.Current : apiCpu;
            await commands.ResetAsync();
            var before = (Server: server?.Used(), Redis: redisCpu?.Used(), Postgres: postgresCpu?.Used());
            var result = await Wrk.RunAsync(target, script, load ?? options, options.Duration, args);
            var cpu = (Server: PerRequest(server?.Used() - before.Server, result), Redis: PerRequest(redisCpu?.Used() - before.Redis, result),
                Postgres: PerRequest(postgresCpu?.Used() - before.Postgres, result));
            var costs = result.Requests > 0 ? await commands.ReadAsync(result.Requests) : [];
            var split = result.Requests > 0 ? await commands.CpuSplitAsync(result.Requests) : null;
            rows.Add(new LoadRow(name, result, note, cpu.Server, cpu.Redis, cpu.Postgres, costs, split));
        }

        Task<(string, string[])> Fixed(string file, string method, string path, Dictionary<string, string> headers, string? body = null) =>
            Task.FromResult((scripts.Write(file, WrkScripts.Fixed(method, path, headers, body)), Array.Empty<string>()));

        const string FloorNote = "minimal ASP.NET Core endpoint in the benchmark process: one Redis GET, same Redis; measured first and last, the ratio is to their mean";
        await MeasureAsync("floor, first (1 Redis GET)", floorUri, (_, _) => Fixed("floor.lua", "GET", FloorServer.Path, []), FloorNote);
        await MeasureAsync("GET /alive", new Uri(api, "/alive"), (_, _) => Fixed("alive.lua", "GET", "/alive", []),
            "the API's pipeline with no store access", endpoint: "alive");
        await MeasureAsync("GET /users/me", new Uri(api, "/users/me"),
            (_, _) => Fixed("me.lua", "GET", "/users/me", new() { ["Authorization"] = $"Bearer {access}" }),
            "one live access token, every request", endpoint: "me");
        await MeasureAsync("POST /introspect", new Uri(api, "/introspect"),
            (_, _) => Fixed("introspect.lua", "POST", "/introspect", new(form) { ["Authorization"] = system.ClientAuthorization.ToString() }, $"token={access}"),
            "one live access token, client authenticated with HTTP Basic", endpoint: "introspect");
        await MeasureAsync("POST /token (refresh)", new Uri(api, "/token"),
            async (phase, _) => (scripts.Write("refresh.lua", WrkScripts.RefreshChain),
                [scripts.Write($"refresh-{phase}.txt", Lines(await pool.IssueAsync(options.Connections * 4, refreshTokens: true))), options.Threads.ToString()]),
            "real rotations: each request presents a live refresh token, the answer's new one is queued for a later request", endpoint: "refresh");
        await MeasureAsync("POST /revoke", new Uri(api, "/revoke"),
            async (phase, duration) => (scripts.Write("revoke.lua", WrkScripts.RevokePool),
                [scripts.Write($"revoke-{phase}.txt", Lines(await pool.IssueAsync(RevokePoolSize(duration), refreshTokens: false))), options.Threads.ToString()]),
            "each request ends a different live session (access token in the form)", endpoint: "revoke");
        // Two connections: PBKDF2 is CPU-bound, so more only queue; 32 leave no login finished within a short run.
        await MeasureAsync("POST /token (password)", new Uri(api, "/token"),
            (_, _) => Fixed("login.lua", "POST", "/token", form, loginBody),
            "a real login each time, 1 thread and 2 connections (one per core): PBKDF2 (210,000 iterations) dominates",
            options with { Threads = 1, Connections = 2 }, endpoint: "login");
        await MeasureAsync("floor, last (1 Redis GET)", floorUri, (_, _) => Fixed("floor.lua", "GET", FloorServer.Path, []), FloorNote);

        LoadTable.Print(rows, options);
        Console.WriteLine(RunningAuthApp.SettingsNote);
        Console.WriteLine("Revoke and refresh pools are sessions of the benchmark user minted in Redis with the API's own TokenIssuer (what a login writes), since PBKDF2 makes real logins too slow to pre-issue thousands.");
        return rows.Any(r => r.Result.SocketErrors > 0 || r.Result.PoolShortfall > 0) ? 1 : 0;
    }

    private static TimeSpan? PerRequest(TimeSpan? cpu, WrkResult result) =>
        cpu is { } used && result.Requests > 0 ? used / result.Requests : null;

    private static int RevokePoolSize(TimeSpan duration) => (int)(duration.TotalSeconds * RevokePoolPerSecond);

    private static string Lines(string[] tokens) => string.Join('\n', tokens) + '\n';
}
