using System.Globalization;

namespace AuthApp.Tests.AppHost;

/// <summary>Reads process trees from /proc, to prove that stopping leaves no process behind.</summary>
internal static class ProcessTree
{
    /// <summary>The process and all its descendants (parent ids read from /proc/&lt;pid&gt;/stat).</summary>
    public static IReadOnlyList<int> WithDescendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var id) && ParentOf(directory) is { } parent)
            {
                parents[id] = parent;
            }
        }

        var all = new List<int> { pid };
        for (var i = 0; i < all.Count; i++)
        {
            all.AddRange(parents.Where(p => p.Value == all[i]).Select(p => p.Key));
        }

        return all;
    }

    /// <summary>Whether a process exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            return File.ReadLines(status).FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) is { } state
                && !state.Contains('Z', StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ParentOf(string procDirectory)
    {
        try
        {
            // Format: pid (comm) state ppid …; comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
