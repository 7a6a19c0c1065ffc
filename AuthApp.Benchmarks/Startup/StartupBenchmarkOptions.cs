using System.Globalization;

namespace AuthApp.Benchmarks.Startup;

/// <summary>Arguments of the startup benchmark.</summary>
/// <param name="Runs">Timed runs per scenario (default 3).</param>
internal sealed record StartupBenchmarkOptions(int Runs)
{
    public static StartupBenchmarkOptions Parse(string[] args) => args switch
    {
        [] => new(3),
        ["--runs", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var runs) && runs is >= 1 and <= 50 => new(runs),
        _ => throw new ArgumentException("Expected: startup [--runs N] with N from 1 to 50."),
    };
}
