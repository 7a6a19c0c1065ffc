using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AuthApp.Benchmarks.Load;

/// <summary>What wrk measured for one endpoint.</summary>
internal sealed record WrkResult(double RequestsPerSecond, TimeSpan P50, TimeSpan P99, long Requests, long Non2xx, long SocketErrors, long PoolShortfall);

/// <summary>Runs the Debian <c>wrk</c> binary with a Lua script against a loopback URL and reads its summary.</summary>
internal static partial class Wrk
{
    public const string InstallHint = "wrk is not installed: apt-get install wrk";

    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    public static async Task<WrkResult> RunAsync(Uri target, string scriptPath, LoadOptions options, TimeSpan duration, params string[] scriptArgs)
    {
        // Only this machine is ever loaded: the benchmark must not become a load generator against anything else.
        if (!target.IsLoopback) throw new InvalidOperationException($"Refusing to drive a non-loopback target: {target.Host}");

        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s",
            "--timeout", "5s",
            "--latency",
            "-s", scriptPath,
            target.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (scriptArgs.Length > 0) start.ArgumentList.Add("--");
        foreach (var argument in scriptArgs) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Bounded: wrk stops itself after the duration; this is the backstop if it hangs.
        using var limit = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"wrk against {target} did not finish in time.");
        }

        var text = await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await errors}{text}");
        var result = Parse(text);
        // A row without a single answer is unreadable as a figure: show what wrk said instead of a bare zero.
        if (result.Requests == 0) Console.Error.WriteLine($"wrk completed no request against {target}:\n{text}{await errors}");
        return result;
    }

    public static WrkResult Parse(string output)
    {
        var socketErrors = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(output, "50"),
            Latency(output, "99"),
            long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Number(Non2xx().Match(output)),
            socketErrors,
            Number(Pool().Match(output)));
    }

    private static long Number(Match match) => match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static TimeSpan Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return TimeSpan.Zero;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"POOL_(?:WRAPS|EMPTY) (\d+)")]
    private static partial Regex Pool();
}
