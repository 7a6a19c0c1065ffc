using BenchmarkDotNet.Running;

namespace AuthApp.Benchmarks;

/// <summary>Runs BenchmarkDotNet classes with the short in-process job; each prints its table with the Ratio column.</summary>
internal static class BenchmarkCommand
{
    /// <param name="benchmarks">The benchmark classes, one table each.</param>
    /// <param name="note">Printed under the tables: what the figures were measured with.</param>
    public static int Run(Type[] benchmarks, string? note = null)
    {
        var summaries = BenchmarkRunner.Run(benchmarks, ShortInProcessConfig.Create());
        if (note is not null) Console.WriteLine(note);
        // A benchmark that threw has no figures; the command then fails instead of printing a partial table as success.
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
