using System.Globalization;

namespace AuthApp.Benchmarks.Load;

/// <summary>Arguments of the load benchmark: how long each endpoint is driven, and how hard.</summary>
/// <param name="Duration">Measured time per endpoint (default 10 s, at most 120 s, so a run stays bounded).</param>
/// <param name="Connections">Open connections wrk keeps busy (default 32).</param>
/// <param name="Threads">wrk threads (default 2, one per core of the reference machine).</param>
/// <param name="Only">Endpoints to drive (names from <see cref="Endpoints"/>), or every one when empty; the floor is always measured.</param>
internal sealed record LoadOptions(TimeSpan Duration, int Connections, int Threads, IReadOnlySet<string> Only)
{
    public static readonly IReadOnlyList<string> Endpoints = ["alive", "me", "introspect", "refresh", "revoke", "login"];

    public static readonly LoadOptions Default = new(TimeSpan.FromSeconds(10), 32, 2, new HashSet<string>());

    public bool Includes(string endpoint) => Only.Count == 0 || Only.Contains(endpoint);

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
                ("--only", _) when EndpointList(value) is { } only => options with { Only = only },
                _ => throw new ArgumentException($"Expected: load [--duration SECONDS (1-120)] [--connections N (1-1024)] [--threads N (1-64)] [--only {string.Join(',', Endpoints)}]."),
            };
        }

        // wrk gives each thread at least one connection.
        return options.Connections < options.Threads ? options with { Threads = options.Connections } : options;
    }

    /// <summary>A comma-separated subset of <see cref="Endpoints"/>, or null when a name is unknown.</summary>
    private static HashSet<string>? EndpointList(string? value)
    {
        var names = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return names.Count > 0 && names.All(Endpoints.Contains) ? names : null;
    }

    private static int? Number(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
