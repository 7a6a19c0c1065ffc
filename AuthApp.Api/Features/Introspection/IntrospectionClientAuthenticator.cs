using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Introspection;

/// <summary>
/// HTTP Basic client authentication (RFC 6749 §2.3.1, as RFC 7662 §2.1 asks) against
/// <c>Auth:IntrospectionClients</c>. Secrets are compared in constant time, as SHA-256 digests computed once
/// when the options are read (and again when they change), so a request hashes only what it presented.
/// </summary>
public sealed class IntrospectionClientAuthenticator : IDisposable
{
    /// <summary>Compared against when the client id is unknown, so unknown and known ids take the same work.</summary>
    private static readonly byte[] NoClientDigest = SHA256.HashData(RandomNumberGenerator.GetBytes(32));

    /// <summary>Longer headers are no credentials of ours; the cap keeps the decode buffer on the stack.</summary>
    private const int MaxEncodedLength = 1024;

    private readonly IDisposable? _subscription;
    private volatile Dictionary<string, byte[]> _digests;

    public IntrospectionClientAuthenticator(IOptionsMonitor<IntrospectionOptions> options)
    {
        _digests = Digests(options.CurrentValue);
        _subscription = options.OnChange(changed => _digests = Digests(changed));
    }

    /// <summary>The authenticated client id, or null.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        var encoded = header.AsSpan("Basic ".Length).Trim();
        if (encoded.Length is 0 or > MaxEncodedLength) return null;

        Span<byte> buffer = stackalloc byte[MaxEncodedLength];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written)) return null;
        var decoded = buffer[..written];
        var colon = decoded.IndexOf((byte)':');
        if (colon <= 0) return null;

        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined; only escaped values need decoding.
        if (decoded.IndexOfAny((byte)'%', (byte)'+') >= 0) return AuthenticateEscaped(Encoding.UTF8.GetString(decoded));

        Span<char> clientId = stackalloc char[colon];
        var length = Encoding.UTF8.GetChars(decoded[..colon], clientId);
        return Check(clientId[..length], decoded[(colon + 1)..]);
    }

    public void Dispose() => _subscription?.Dispose();

    private string? AuthenticateEscaped(string decoded)
    {
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return Check(clientId, Encoding.UTF8.GetBytes(secret));
    }

    private string? Check(ReadOnlySpan<char> clientId, ReadOnlySpan<byte> secret)
    {
        var known = _digests.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(clientId, out var id, out var expected);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(secret, digest);
        // Digests have one length, so the comparison time says nothing about the secret's length or content.
        var match = CryptographicOperations.FixedTimeEquals(digest, known ? expected : NoClientDigest);
        return known && match ? id : null;
    }

    private static Dictionary<string, byte[]> Digests(IntrospectionOptions options) =>
        options.IntrospectionClients.ToDictionary(
            client => client.Key,
            client => SHA256.HashData(Encoding.UTF8.GetBytes(client.Value ?? string.Empty)),
            StringComparer.Ordinal);
}
