using System.Text.Json;
using System.Buffers.Text;

namespace AuthApp.Kubectl.Tokens;

/// <summary>
/// Reads the <c>exp</c> claim of an id_token. The plugin does not check the signature: the token came from the
/// issuer's token endpoint over TLS (OpenID Connect Core 3.1.3.7), and the API server validates it on every call.
/// </summary>
internal static class IdTokenExpiry
{
    public static DateTimeOffset? Read(string idToken)
    {
        var parts = idToken.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }
}
