using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AuthApp.Tests.Readme;

/// <summary>
/// A JSON answer as the README shows it, where <c>…</c> is a wildcard: inside a string it matches any text
/// (<c>"aat_…"</c>), as a value any value (<c>"id":…</c>), as the last member of an object any further members
/// (<c>{"active":false,…}</c>) and as the last element of an array any further elements (<c>[…]</c>).
/// Everything else is literal: an object without <c>…</c> has exactly the members shown, in any order.
/// </summary>
public static class ExpectedJson
{
    // Stand-ins that are valid JSON, so that the README's pattern can be read by the JSON parser.
    private const string AnyValue = "\u0001any";
    private const string MoreMembers = "\u0001more";
    private const string MoreElements = "\u0001rest";

    /// <summary>The differences between <paramref name="actual"/> and the pattern; empty when it matches.</summary>
    public static IReadOnlyList<string> Differences(string pattern, string actual)
    {
        JsonNode? expected;
        try
        {
            expected = JsonNode.Parse(Readable(pattern));
        }
        catch (JsonException e)
        {
            return [$"the README's JSON cannot be read ({e.Message}): {pattern}"];
        }

        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(actual);
        }
        catch (JsonException)
        {
            return [$"the answer is not JSON: {Shorten(actual)}"];
        }

        var differences = new List<string>();
        Compare(expected, answer, "$", differences);
        return differences;
    }

    /// <summary>Replaces each bare <c>…</c> (outside strings) by a stand-in for what it means where it stands.</summary>
    public static string Readable(string pattern)
    {
        var text = new StringBuilder();
        var containers = new Stack<char>();
        var inString = false;
        char previous = '\0';
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\' && i + 1 < pattern.Length) text.Append(pattern[++i]);
                else if (c == '"') inString = false;
                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': containers.Push(c); break;
                case '}' or ']': containers.TryPop(out _); break;
                case '…':
                    var stand = previous == ':' || containers.Count == 0 ? AnyValue
                        : containers.Peek() == '{' ? MoreMembers
                        : MoreElements;
                    // JSON strings cannot hold a raw control character: written escaped, read back as the stand-in.
                    text.Append("\"\\u0001").Append(stand[1..]).Append('"');
                    if (stand == MoreMembers) text.Append(":null");
                    previous = c;
                    continue;
            }

            text.Append(c);
            if (!char.IsWhiteSpace(c)) previous = c;
        }

        return text.ToString();
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && text == AnyValue:
                return;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (actual is not JsonValue a || !a.TryGetValue<string>(out var actualText)) differences.Add($"{path}: a string was expected, got {Describe(actual)}");
                else if (!Glob(text).IsMatch(actualText)) differences.Add($"{path}: \"{text}\" was expected, got \"{Shorten(actualText)}\"");
                return;
            case JsonObject pattern:
                CompareObject(pattern, actual, path, differences);
                return;
            case JsonArray pattern:
                CompareArray(pattern, actual, path, differences);
                return;
            default:
                // Numbers, true, false and null are literal.
                if (!JsonNode.DeepEquals(expected, actual)) differences.Add($"{path}: {Describe(expected)} was expected, got {Describe(actual)}");
                return;
        }
    }

    private static void CompareObject(JsonObject pattern, JsonNode? actual, string path, List<string> differences)
    {
        if (actual is not JsonObject answer)
        {
            differences.Add($"{path}: an object was expected, got {Describe(actual)}");
            return;
        }

        foreach (var (name, value) in pattern.Where(m => m.Key != MoreMembers))
        {
            if (!answer.TryGetPropertyValue(name, out var actualValue)) differences.Add($"{path}: the member \"{name}\" is missing");
            else Compare(value, actualValue, $"{path}.{name}", differences);
        }

        if (pattern.ContainsKey(MoreMembers)) return;
        foreach (var extra in answer.Select(m => m.Key).Where(name => !pattern.ContainsKey(name)))
        {
            differences.Add($"{path}: the member \"{extra}\" is not in the README (end the object with ,… if more members are expected)");
        }
    }

    private static void CompareArray(JsonArray pattern, JsonNode? actual, string path, List<string> differences)
    {
        if (actual is not JsonArray answer)
        {
            differences.Add($"{path}: an array was expected, got {Describe(actual)}");
            return;
        }

        var open = pattern.Count > 0 && pattern[^1] is JsonValue last && last.TryGetValue<string>(out var text) && text == MoreElements;
        var listed = open ? pattern.Count - 1 : pattern.Count;
        if (open ? answer.Count < listed : answer.Count != listed)
        {
            differences.Add($"{path}: {(open ? "at least " : "")}{listed} element(s) expected, got {answer.Count}: {Shorten(answer.ToJsonString())}");
            return;
        }

        for (var i = 0; i < listed; i++) Compare(pattern[i], answer[i], $"{path}[{i}]", differences);
    }

    private static Regex Glob(string text) =>
        new("^" + string.Join(".*", text.Split('…').Select(Regex.Escape)) + "$", RegexOptions.Singleline);

    private static string Describe(JsonNode? node) => node is null ? "null" : $"{node.GetValueKind()} {Shorten(node.ToJsonString())}";

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
