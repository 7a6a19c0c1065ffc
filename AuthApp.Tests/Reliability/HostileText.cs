using System.Text;
using System.Text.Json;

namespace AuthApp.Tests.Reliability;

/// <summary>
/// Text no store can take (NUL, other control characters, unpaired surrogates, invalid UTF-8, over a kilobyte),
/// written the way each channel carries it: a raw JSON literal, or a percent-encoded form or query value.
/// </summary>
public static class HostileText
{
    /// <summary>Stands in a JSON body for bytes that are not UTF-8; <see cref="ToUtf8"/> swaps them in.</summary>
    private const char InvalidUtf8Placeholder = '\uE000';

    public static string Letters(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }

    /// <summary>A JSON string literal around <paramref name="prefix"/> that the API must refuse; the kind says why.</summary>
    public static (string Literal, string Kind) JsonLiteral(Random random, string prefix) => random.Next(6) switch
    {
        0 => (Quote(prefix + "\0" + Letters(random, 3)), "NUL"),
        1 => (Quote(prefix + ControlCharacter(random)), "control character"),
        2 => ($"\"{Escape(prefix)}\\u{0xD800 + random.Next(0x800):x4}{Letters(random, 2)}\"", "unpaired surrogate"),
        3 => ($"\"{Escape(prefix)}\\ud83d\"", "high surrogate at the end"),
        4 => ($"\"{Escape(prefix)}{InvalidUtf8Placeholder}\"", "invalid UTF-8"),
        _ => (Quote(prefix + Letters(random, 1025 + random.Next(30_000))), "over-long"),
    };

    /// <summary>A percent-encoded form or query value around <paramref name="prefix"/> that the API must refuse.</summary>
    public static (string Encoded, string Kind) Encoded(Random random, string prefix) => random.Next(4) switch
    {
        0 => (Uri.EscapeDataString(prefix) + "%00" + Letters(random, 2), "NUL"),
        1 => (Uri.EscapeDataString(prefix + ControlCharacter(random)), "control character"),
        2 => (Uri.EscapeDataString(prefix) + "%" + random.Next(1, 32).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), "encoded C0 control"),
        _ => (Uri.EscapeDataString(prefix + Letters(random, 1025 + random.Next(4000))), "over-long"),
    };

    /// <summary>A C0 control other than NUL, DEL, or a C1 control.</summary>
    public static string ControlCharacter(Random random) => random.Next(3) switch
    {
        0 => ((char)random.Next(1, 32)).ToString(),
        1 => "\u007f",
        _ => ((char)random.Next(0x80, 0xA0)).ToString(),
    };

    public static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>The body as UTF-8, with every placeholder replaced by bytes that are not UTF-8 (a lone continuation byte and 0xFF).</summary>
    public static byte[] ToUtf8(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var placeholder = Encoding.UTF8.GetBytes(InvalidUtf8Placeholder.ToString());
        for (var i = 0; i + 2 < bytes.Length; i++)
        {
            if (bytes.AsSpan(i, 3).SequenceEqual(placeholder)) (bytes[i], bytes[i + 1], bytes[i + 2]) = (0x80, 0xFF, 0x41);
        }

        return bytes;
    }

    private static string Escape(string value) => Quote(value)[1..^1];
}
