using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// CPU time a process has used, read from <c>/proc/PID/stat</c>. Divided by the requests of a run it gives CPU per
/// request, which a busy machine disturbs far less than req/s: other processes slow a run down but do not make its
/// requests cost more cycles.
/// </summary>
internal sealed class ProcessCpu(int processId)
{
    private static readonly long TicksPerSecond = 100; // USER_HZ: 100 on every Linux the project runs on.

    public static ProcessCpu Current { get; } = new(Environment.ProcessId);

    /// <summary>The process of a running resource (Aspire reports it as <c>executable.pid</c>), or null when unknown.</summary>
    public static ProcessCpu? Of(DistributedApplication app, string resource)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var state)) return null;
        return state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => new ProcessCpu(pid),
            long pid => new ProcessCpu((int)pid),
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) => new ProcessCpu(pid),
            _ => null,
        };
    }

    /// <summary>
    /// User plus system time so far of the process and its descendants: DCP starts a project through a <c>dotnet</c>
    /// launcher, so the server itself is a child of the process Aspire reports.
    /// </summary>
    public TimeSpan Used()
    {
        if (processId == Environment.ProcessId) return Process.GetCurrentProcess().TotalProcessorTime;
        var stats = Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<Stat>()
            .ToList();
        var tree = new HashSet<int> { processId };
        // Parents come before children often but not always: repeat until the set stops growing.
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var stat in stats) grown |= tree.Contains(stat.ParentId) && tree.Add(stat.ProcessId);
        }

        var ticks = stats.Where(stat => tree.Contains(stat.ProcessId)).Sum(stat => stat.Ticks);
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    private sealed record Stat(int ProcessId, int ParentId, long Ticks);

    private static Stat? Read(int processId)
    {
        try
        {
            // Fields after the command name, which is in parentheses and may hold spaces: ppid is the 2nd, utime and stime
            // the 12th and 13th, and the 14th and 15th the time of children that ended (Redis's snapshot forks).
            var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Stat(processId, int.Parse(fields[1], CultureInfo.InvariantCulture), fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }
}
