using System.Text.RegularExpressions;

namespace AuthApp.Tests.Readme;

/// <summary>
/// A console output as the README shows it in a <c>text</c> block marked <c>&lt;!-- readme-test: output --&gt;</c>:
/// its lines must appear in the real output in that order and next to each other, except where a line <c>...</c>
/// stands for any number of lines (a run of lines between two such lines is found as a whole); inside a line <c>…</c> matches any text. Every <c>warn:</c>, <c>fail:</c> and
/// <c>crit:</c> entry of the real output must be one the block shows, so that the README names each warning a first
/// start prints.
/// </summary>
public static partial class DocumentedOutput
{
    private const string AnyLines = "...";

    /// <summary>The documented lines the real output lacks, and the warnings it has that the README does not show.</summary>
    /// <param name="documented">The README block's text.</param>
    /// <param name="actual">The console's lines.</param>
    /// <param name="tolerated">Entries (header line, message line) the README explains in prose instead of showing.</param>
    public static IReadOnlyList<string> Differences(string documented, IReadOnlyList<string> actual, Func<string, string, bool>? tolerated = null)
    {
        var expected = documented.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var lines = actual.Select(l => l.TrimEnd()).ToList();
        var differences = new List<string>();

        // Runs of lines between "..." lines; each run must appear as consecutive lines, after the run before it.
        var runs = new List<List<string>> { new() };
        foreach (var line in expected)
        {
            if (line == AnyLines) runs.Add([]);
            else runs[^1].Add(line);
        }

        var at = 0;
        foreach (var run in runs.Where(r => r.Count > 0))
        {
            var patterns = run.Select(Line).ToList();
            var found = Enumerable.Range(at, Math.Max(0, lines.Count - at - patterns.Count + 1))
                .FirstOrDefault(start => patterns.Select((pattern, i) => pattern.IsMatch(lines[start + i])).All(match => match), -1);
            if (found >= 0)
            {
                at = found + patterns.Count;
                continue;
            }

            // Name the first line of the run that is nowhere after the previous run, or the run as a whole.
            var missing = run.FirstOrDefault(line => !lines.Skip(at).Any(Line(line).IsMatch));
            differences.Add(missing is not null
                ? $"the README's line \"{missing.Trim()}\" is not in the output (after its line {at})"
                : $"the README's lines \"{run[0].Trim()}\" … \"{run[^1].Trim()}\" are not together in the output (after its line {at})");
        }

        var shown = expected.Select(Line).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Severe().IsMatch(lines[i])) continue;
            var message = i + 1 < lines.Count ? lines[i + 1] : "";
            if (tolerated?.Invoke(lines[i], message) == true) continue;
            var header = lines[i];
            if (!Enumerable.Range(0, shown.Count - 1).Any(j => shown[j].IsMatch(header) && shown[j + 1].IsMatch(message)))
            {
                differences.Add($"the output has \"{lines[i]}\" / \"{message.Trim()}\", which the README's output does not show");
            }
        }

        return differences;
    }

    private static Regex Line(string line) =>
        new("^" + string.Join(".*", line.Split('…').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^(warn|fail|crit): ")]
    private static partial Regex Severe();
}
