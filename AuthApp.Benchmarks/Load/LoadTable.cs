using System.Globalization;

namespace AuthApp.Benchmarks.Load;

/// <summary>One measured endpoint and what its figures mean.</summary>
/// <param name="Endpoint">The row's name.</param>
/// <param name="Result">wrk's figures.</param>
/// <param name="Note">What the row drove, printed under the table.</param>
/// <param name="ServerCpu">CPU per request of the process that answered (the API, or this process for the floor).</param>
/// <param name="RedisCpu">CPU per request of the Redis server.</param>
/// <param name="PostgresCpu">CPU per request of PostgreSQL (the audit drain's inserts, logins' reads).</param>
/// <param name="RedisCpuSplit">Where Redis's CPU went, per request (INFO cpu).</param>
/// <param name="RedisCommands">Redis's commands per request during the measured run, most expensive first.</param>
internal sealed record LoadRow(string Endpoint, WrkResult Result, string Note, TimeSpan? ServerCpu = null, TimeSpan? RedisCpu = null, TimeSpan? PostgresCpu = null, IReadOnlyList<CommandCost>? RedisCommands = null, string? RedisCpuSplit = null);

/// <summary>Prints the load figures as a Markdown table, each row's ratio taken against the floor.</summary>
internal static class LoadTable
{
    public static void Print(IReadOnlyList<LoadRow> rows, LoadOptions options)
    {
        // The floor runs first and last; their mean evens out a machine whose load drifts during the run.
        var floor = rows.Where(r => r.Endpoint.StartsWith("floor", StringComparison.Ordinal)).Average(r => r.Result.RequestsPerSecond);
        Console.WriteLine();
        Console.WriteLine($"wrk -t{options.Threads} -c{options.Connections} -d{options.Duration.TotalSeconds:0}s, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| Endpoint | req/s | p50 | p99 | non-2xx | × floor | server CPU/req | Redis CPU/req | PostgreSQL CPU/req |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var r = row.Result;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Endpoint} | {r.RequestsPerSecond:N0} | {Format(r.P50)} | {Format(r.P99)} | {r.Non2xx} | {r.RequestsPerSecond / floor:0.00} | {Cpu(row.ServerCpu)} | {Cpu(row.RedisCpu)} | {Cpu(row.PostgresCpu)} |"));
        }

        Console.WriteLine();
        Console.WriteLine("CPU/req: user plus system CPU time the answering process (the API; this process for the floor), Redis and PostgreSQL used during the measured run, divided by its requests. Background work the requests cause (the audit drain) is included; a busy machine lowers req/s far more than it changes these.");
        foreach (var row in rows)
        {
            var warnings = new List<string>();
            if (row.Result.SocketErrors > 0) warnings.Add($"{row.Result.SocketErrors} socket errors");
            if (row.Result.PoolShortfall > 0) warnings.Add($"token pool ran short {row.Result.PoolShortfall} times: some requests presented dead tokens");
            Console.WriteLine($"- {row.Endpoint}: {row.Note}.{(warnings.Count > 0 ? " WARNING: " + string.Join("; ", warnings) + "." : "")}");
        }

        Console.WriteLine();
        Console.WriteLine("Redis commands per request (INFO commandstats over the measured run: calls and time inside the command; a script's own commands are counted too):");
        foreach (var row in rows.Where(r => r.RedisCommands is { Count: > 0 }))
        {
            Console.WriteLine($"- {row.Endpoint}: {row.RedisCpuSplit}; {string.Join(", ", row.RedisCommands!.Take(8))}");
        }
    }

    private static string Cpu(TimeSpan? perRequest) =>
        perRequest is { } cpu ? string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMicroseconds:0} µs") : "n/a";

    private static string Format(TimeSpan latency) => latency.TotalMilliseconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMilliseconds:0.00} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMicroseconds:0} µs");
}
