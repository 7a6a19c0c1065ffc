using System.Globalization;

namespace AuthApp.Benchmarks.Load;

/// <summary>Arguments of the load benchmark: how long each endpoint is driven, and how hard.</summary>
/// <param name="Duration">Measured time per endpoint (default 10 s, at most 120 s, so a run stays bounded).</param>
/// <param name="Connections">Open connections wrk keeps busy (default 32).</param>
/// <param name="Threads">wrk threads (default 2, one per core of the reference machine).</param>
internal sealed record LoadOptions(TimeSpan Duration, int Connections, int Threads)
{
    public static readonly LoadOptions Default = new(TimeSpan.FromSeconds(10), 32, 2);

    public static LoadOptions Parse(string[] args)
    {
        var options = Default;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            options = (args[i], Number(value)) switch
            {
                ("--duration", { } seconds and >= 1 and <= 120) => options with { Duration = TimeSpan.FromSeconds(seconds) },
                ("--connections", { } connections and >= 1 and <= 1024) => options with { Connections = connections },
                ("--threads", { } threads and >= 1 and <= 64) => options with { Threads = threads },
                _ => throw new ArgumentException("Expected: load [--duration SECONDS (1-120)] [--connections N (1-1024)] [--threads N (1-64)]."),
            };
        }

        // wrk gives each thread at least one connection.
        return options.Connections < options.Threads ? options with { Threads = options.Connections } : options;
    }

    private static int? Number(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
