using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Introspection;

/// <summary>
/// HTTP Basic client authentication (RFC 6749 §2.3.1, as RFC 7662 §2.1 asks) against
/// <c>Auth:IntrospectionClients</c>. Secrets are compared in constant time.
/// </summary>
public sealed class IntrospectionClientAuthenticator(IOptionsMonitor<IntrospectionOptions> options)
{
    /// <summary>The authenticated client id, or null.</summary>
    public string? Authenticate(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
        var clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));

        var known = options.CurrentValue.IntrospectionClients.TryGetValue(clientId, out var expected);
        // Compare digests so the time taken does not depend on where the strings differ, or their length.
        var match = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? string.Empty)));
        return known && match ? clientId : null;
    }
}
