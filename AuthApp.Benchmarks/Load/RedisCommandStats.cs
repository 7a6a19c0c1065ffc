using System.Globalization;
using StackExchange.Redis;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// Where Redis spends its time per request: <c>INFO commandstats</c> over one measured run (reset before it). Redis
/// counts commands a script runs as well as the script itself, so a row shows what its Lua does, command by command.
/// </summary>
internal sealed class RedisCommandStats(ConnectionMultiplexer redis) : IAsyncDisposable
{
    public static async Task<RedisCommandStats> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        return new RedisCommandStats(await ConnectionMultiplexer.ConnectAsync(options));
    }

    private Dictionary<string, double> _before = [];

    public async Task ResetAsync()
    {
        await Server.ConfigResetStatisticsAsync();
        _before = await CountersAsync();
    }

    /// <summary>
    /// Redis's CPU per request split by where it went: the main thread (commands, network, AOF writes), its other
    /// threads (fsync, lazy free) and forked children (RDB snapshots, AOF rewrites), plus the forks themselves.
    /// </summary>
    public async Task<string> CpuSplitAsync(long requests)
    {
        var after = await CountersAsync();
        double Delta(string key) => after.GetValueOrDefault(key) - _before.GetValueOrDefault(key);
        var main = Delta("used_cpu_user_main_thread") + Delta("used_cpu_sys_main_thread");
        var all = Delta("used_cpu_user") + Delta("used_cpu_sys");
        var children = Delta("used_cpu_user_children") + Delta("used_cpu_sys_children");
        return string.Create(CultureInfo.InvariantCulture,
            $"main thread {main * 1e6 / requests:0.#} µs (system {Delta("used_cpu_sys_main_thread") * 1e6 / requests:0.#}), other threads {(all - main) * 1e6 / requests:0.#} µs, children {children * 1e6 / requests:0.#} µs, forks {Delta("total_forks"):0}");
    }

    private async Task<Dictionary<string, double>> CountersAsync()
    {
        var counters = new Dictionary<string, double>();
        foreach (var section in new[] { "cpu", "stats" })
        {
            foreach (var pair in (await Server.InfoAsync(section)).SelectMany(group => group))
            {
                if (double.TryParse(pair.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) counters[pair.Key] = value;
            }
        }

        return counters;
    }

    /// <summary>Each command's calls and microseconds per request, most expensive first.</summary>
    public async Task<IReadOnlyList<CommandCost>> ReadAsync(long requests)
    {
        var info = await Server.InfoAsync("commandstats");
        var costs = new List<CommandCost>();
        foreach (var pair in info.SelectMany(group => group))
        {
            // cmdstat_evalsha: calls=…,usec=…,usec_per_call=…,rejected_calls=…,failed_calls=…
            var fields = pair.Value.Split(',').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
            if (!fields.TryGetValue("calls", out var calls) || !fields.TryGetValue("usec", out var usec)) continue;
            var name = pair.Key.Replace("cmdstat_", "", StringComparison.Ordinal);
            // The benchmark's own CONFIG RESETSTAT and INFO calls (Redis names subcommands "config|resetstat").
            if (name == "info" || name.StartsWith("config", StringComparison.Ordinal)) continue;
            costs.Add(new CommandCost(name, double.Parse(calls, CultureInfo.InvariantCulture) / requests, double.Parse(usec, CultureInfo.InvariantCulture) / requests));
        }

        return costs.OrderByDescending(c => c.MicrosecondsPerRequest).ToList();
    }

    private IServer Server => redis.GetServers()[0];

    public ValueTask DisposeAsync() => redis.DisposeAsync();
}

/// <summary>One Redis command's share of a request.</summary>
internal sealed record CommandCost(string Command, double CallsPerRequest, double MicrosecondsPerRequest)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Command} {CallsPerRequest:0.##}× {MicrosecondsPerRequest:0.#} µs");
}
