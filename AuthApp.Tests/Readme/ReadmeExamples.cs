using System.Text.RegularExpressions;

namespace AuthApp.Tests.Readme;

/// <summary>
/// One fenced shell block of the README, in document order; <c>SkipReason</c> is the reason of a
/// <c>&lt;!-- readme-test: skip "…" --&gt;</c> marker right above the block.
/// </summary>
public sealed record ReadmeBlock(int Line, string Heading, string? SkipReason, IReadOnlyList<ReadmeStep> Steps)
{
    public string Name => $"\"{Heading}\", line {Line}";
}

/// <summary>Commands run together, and what the README says they give (null: a setup step that must succeed).</summary>
public sealed record ReadmeStep(int Line, string Commands, ReadmeResult? Result)
{
    public string FirstCommand => Commands.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) ?? "";
}

/// <summary>A console output the README shows in a <c>text</c> block marked <c>&lt;!-- readme-test: output --&gt;</c>.</summary>
public sealed record ReadmeOutput(int Line, string Text);

/// <summary><c># → 200 {…}</c>: the last curl's status and, when shown, the JSON shape of the output.</summary>
public abstract record ReadmeResult(string Text);

public sealed record StatusResult(string Text, int Status, string? Json) : ReadmeResult(Text);

/// <summary><c># prints: …</c>: the output, as text (<c>…</c> matches anything).</summary>
public sealed record PrintsResult(string Text) : ReadmeResult(Text);

/// <summary>
/// Reads the README's <c>sh</c>/<c>bash</c> blocks. A block is cut into steps at each result comment:
/// <c># → &lt;status&gt; [json] [words]</c> (on its own line or after a command) or <c># prints: &lt;text&gt;</c>.
/// A result's JSON may go on over the following comment lines until its brackets close.
/// </summary>
public static partial class ReadmeExamples
{
    private static readonly string[] ShellLanguages = ["sh", "bash", "shell"];

    public static IReadOnlyList<ReadmeBlock> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<ReadmeBlock>();
        var heading = "(top)";
        (int Line, string Reason)? marker = null;
        for (var i = 0; i < lines.Length; i++)
        {
            // Blocks inside list items are indented; they are examples all the same.
            var line = lines[i].TrimStart();
            if (SkipMarker().Match(line) is { Success: true } skip)
            {
                marker = (i + 1, skip.Groups[1].Value);
                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                var language = line[3..].Trim();
                var end = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
                if (end < 0) throw new FormatException($"README line {i + 1}: a code block is never closed.");
                if (ShellLanguages.Contains(language))
                {
                    blocks.Add(new ReadmeBlock(i + 1, heading, marker?.Reason, Steps(lines, i + 1, end)));
                    marker = null;
                }

                i = end;
            }
            else if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
            }

            // A marker must stand right above its block (blank lines aside), so that it cannot drift to another one.
            if (marker is { } m && !string.IsNullOrWhiteSpace(line) && !line.StartsWith("```", StringComparison.Ordinal))
            {
                throw new FormatException($"README line {m.Line}: the readme-test skip marker is not followed by a shell block.");
            }
        }

        if (marker is { } last) throw new FormatException($"README line {last.Line}: the readme-test skip marker is not followed by a shell block.");
        return blocks;
    }

    /// <summary>The fenced blocks right below an output marker (blank lines aside), in document order.</summary>
    public static IReadOnlyList<ReadmeOutput> Outputs(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var outputs = new List<ReadmeOutput>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!OutputMarker().IsMatch(lines[i])) continue;
            var fence = Array.FindIndex(lines, i + 1, l => !string.IsNullOrWhiteSpace(l));
            if (fence < 0 || !lines[fence].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                throw new FormatException($"README line {i + 1}: the readme-test output marker is not followed by a code block.");
            }

            var end = Array.FindIndex(lines, fence + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new FormatException($"README line {fence + 1}: a code block is never closed.");
            outputs.Add(new ReadmeOutput(fence + 1, string.Join('\n', lines[(fence + 1)..end])));
        }

        return outputs;
    }

    private static List<ReadmeStep> Steps(string[] lines, int first, int end)
    {
        var steps = new List<ReadmeStep>();
        var commands = new List<string>();
        var start = first;
        for (var i = first; i < end; i++)
        {
            commands.Add(lines[i]);
            var result = ResultText().Match(lines[i]);
            if (!result.Success) continue;

            var kind = result.Groups["kind"].Value;
            var text = result.Groups["text"].Value.Trim();
            // A JSON answer may run over further comment lines until its brackets close.
            while (kind == "→" && !Json.IsClosed(text) && i + 1 < end && lines[i + 1].TrimStart().StartsWith('#'))
            {
                i++;
                commands.Add(lines[i]);
                text += " " + lines[i].TrimStart()[1..].Trim();
            }

            steps.Add(new ReadmeStep(start + 1, string.Join('\n', commands), kind == "→" ? Status(text, i + 1) : new PrintsResult(text)));
            commands.Clear();
            start = i + 1;
        }

        if (commands.Any(l => !string.IsNullOrWhiteSpace(l))) steps.Add(new ReadmeStep(start + 1, string.Join('\n', commands), null));
        return steps;
    }

    private static StatusResult Status(string text, int line)
    {
        var match = StatusText().Match(text);
        if (!match.Success) throw new FormatException($"README line {line}: a result must start with a status code (`# → 200 …`) or use `# prints:`, not \"{text}\".");
        var rest = match.Groups[2].Value.TrimStart();
        var json = rest.StartsWith('{') || rest.StartsWith('[') ? Json.Extent(rest, line) : null;
        return new StatusResult(text, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), json);
    }

    [GeneratedRegex("""^\s*<!--\s*readme-test:\s*skip\s+"([^"]+)"\s*-->\s*$""")]
    private static partial Regex SkipMarker();

    [GeneratedRegex(@"^\s*<!--\s*readme-test:\s*output\s*-->\s*$")]
    private static partial Regex OutputMarker();

    // "# → …" on its own line or after a command (bash reads it as a comment there too), or "# prints: …".
    [GeneratedRegex(@"(^|\s)#\s(?<kind>→|prints:)\s*(?<text>.*)$")]
    private static partial Regex ResultText();

    [GeneratedRegex(@"^(\d{3})(?!\d)(.*)$")]
    private static partial Regex StatusText();

    /// <summary>Bracket counting over JSON text that may hold strings with brackets in them.</summary>
    private static class Json
    {
        public static bool IsClosed(string text)
        {
            var rest = StatusText().Match(text) is { Success: true } m ? m.Groups[2].Value.TrimStart() : text;
            return !(rest.StartsWith('{') || rest.StartsWith('[')) || Close(rest) >= 0;
        }

        public static string Extent(string text, int line)
        {
            var close = Close(text);
            if (close < 0) throw new FormatException($"README line {line}: the JSON of a result never closes: {text}");
            return text[..(close + 1)];
        }

        private static int Close(string text)
        {
            var depth = 0;
            var inString = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                }
                else if (c == '"') inString = true;
                else if (c is '{' or '[') depth++;
                else if (c is '}' or ']' && --depth == 0) return i;
            }

            return -1;
        }
    }
}
