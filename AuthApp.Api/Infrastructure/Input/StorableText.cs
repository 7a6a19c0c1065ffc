namespace AuthApp.Api.Infrastructure.Input;

/// <summary>
/// The one check every client string passes before it can reach PostgreSQL or Redis: PostgreSQL refuses NUL in
/// text, Npgsql refuses unpaired surrogates (they are not Unicode), and no field of ours is a kilobyte long.
/// Control characters make no sense in any of our fields (emails, names, roles, passwords, tokens, filters).
/// The reason never quotes the value, so it is safe for password and token fields (S17).
/// </summary>
public static class StorableText
{
    /// <summary>Longer than any field AuthApp accepts; fields with a smaller limit check it themselves.</summary>
    public const int MaxLength = 1024;

    public const string NotUnicode = "is not valid Unicode text (an unpaired surrogate or invalid UTF-8).";

    /// <summary>
    /// The OpenID Connect issuer's parameters carry its own tokens (encrypted JWTs of several kilobytes: refresh tokens,
    /// codes, id_token hints); OpenIddict checks them, and the body limit still bounds them.
    /// </summary>
    public const int IssuerMaxLength = 16 * 1024;

    /// <summary>Why <paramref name="value"/> cannot be accepted, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> value) => Problem(value, MaxLength);

    /// <summary>Why <paramref name="value"/> cannot be accepted under a length limit of <paramref name="maxLength"/>, or null.</summary>
    public static string? Problem(ReadOnlySpan<char> value, int maxLength)
    {
        if (value.Length > maxLength) return $"is longer than {maxLength} characters.";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c)) return "contains a control character (such as NUL, a tab or a line break).";
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return NotUnicode;
            }
        }

        return null;
    }
}
