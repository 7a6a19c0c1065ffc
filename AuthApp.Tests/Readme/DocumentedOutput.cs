using System.Text.RegularExpressions;

namespace AuthApp.Tests.Readme;

/// <summary>
/// A console output as the README shows it in a <c>text</c> block marked <c>&lt;!-- readme-test: output --&gt;</c>:
/// its lines must appear in the real output in that order and next to each other, except where a line <c>...</c>
/// stands for any number of lines; inside a line <c>…</c> matches any text. Every <c>warn:</c>, <c>fail:</c> and
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

        var at = 0;
        var gap = true; // before the first line: where the console starts is not the README's concern
        foreach (var line in expected)
        {
            if (line == AnyLines)
            {
                gap = true;
                continue;
            }

            var pattern = Line(line);
            var found = gap ? lines.FindIndex(at, l => pattern.IsMatch(l)) : at < lines.Count && pattern.IsMatch(lines[at]) ? at : -1;
            if (found < 0)
            {
                differences.Add(gap
                    ? $"the README's line \"{line}\" is not in the output (after line {at})"
                    : $"the README's line \"{line}\" does not follow the one before it; the output has \"{(at < lines.Count ? lines[at] : "(end)")}\"");
                // Go on from where the search was, so one missing line does not hide the others.
                gap = true;
                continue;
            }

            at = found + 1;
            gap = false;
        }

        var shown = expected.Select(Line).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Severe().IsMatch(lines[i])) continue;
            var message = i + 1 < lines.Count ? lines[i + 1] : "";
            if (tolerated?.Invoke(lines[i], message) == true) continue;
            var documentedAt = expected.FindIndex(l => Line(l).IsMatch(lines[i]));
            if (documentedAt < 0 || documentedAt + 1 >= expected.Count || !shown[documentedAt + 1].IsMatch(message))
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
