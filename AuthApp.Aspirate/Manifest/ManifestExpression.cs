using System.Text.RegularExpressions;

namespace AuthApp.Aspirate.Manifest;

/// <summary>One part of a manifest value: literal text, or a placeholder such as <c>{redis.bindings.tcp.port}</c>.</summary>
/// <param name="Text">The literal text, or the placeholder without braces.</param>
/// <param name="Path">The placeholder's dot-separated segments; <c>null</c> for literal text.</param>
internal sealed record ExpressionPart(string Text, IReadOnlyList<string>? Path)
{
    public bool IsPlaceholder => Path is not null;
}

/// <summary>Splits manifest values into literal text and <c>{resource.property…}</c> placeholders.</summary>
internal static partial class ManifestExpression
{
    public static IReadOnlyList<ExpressionPart> Parse(string value)
    {
        var parts = new List<ExpressionPart>();
        var position = 0;
        foreach (Match match in Placeholder().Matches(value))
        {
            if (match.Index > position)
            {
                parts.Add(new ExpressionPart(value[position..match.Index], null));
            }

            var inner = match.Groups[1].Value;
            parts.Add(new ExpressionPart(inner, inner.Split('.')));
            position = match.Index + match.Length;
        }

        if (position < value.Length)
        {
            parts.Add(new ExpressionPart(value[position..], null));
        }

        return parts;
    }

    // Resource names are lowercase letters, digits and dashes; properties are identifiers.
    [GeneratedRegex(@"\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)\}")]
    private static partial Regex Placeholder();
}
