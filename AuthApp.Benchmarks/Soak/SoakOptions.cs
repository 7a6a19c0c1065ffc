using System.Globalization;

namespace AuthApp.Benchmarks.Soak;

/// <summary>Arguments of the soak: how long, and how many concurrent users drive the mixed traffic.</summary>
internal sealed record SoakOptions(TimeSpan Duration, int Workers)
{
    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions(TimeSpan.FromMinutes(10), 8);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            options = (args[i], value) switch
            {
                ("--minutes", { } minutes and >= 1 and <= 240) => options with { Duration = TimeSpan.FromMinutes(minutes) },
                ("--workers", { } workers and >= 1 and <= 256) => options with { Workers = workers },
                _ => throw new ArgumentException("Expected: soak [--minutes N (1-240)] [--workers N (1-256)]."),
            };
        }

        return options;
    }
}
