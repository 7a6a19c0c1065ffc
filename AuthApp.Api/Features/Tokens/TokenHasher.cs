using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Turns a raw token into the only form we store: HMAC-SHA256 under <c>Auth:TokenHashKey</c>, hex.
/// Keyed, so a Redis dump cannot be matched against guessed tokens without the key as well.
/// </summary>
public sealed partial class TokenHasher
{
    private readonly byte[] _key;

    public TokenHasher(IOptions<AccessTokenOptions> options, IHostEnvironment environment, ILogger<TokenHasher> logger)
    {
        if (options.Value.TokenHashKey is { Length: > 0 } configured)
        {
            _key = AccessTokenOptionsValidator.DecodeKey(configured)
                ?? throw new InvalidOperationException("Auth:TokenHashKey is malformed.");
            return;
        }

        // The validator allows this only in Development: tokens then die with the process.
        _key = RandomNumberGenerator.GetBytes(AccessTokenOptionsValidator.MinimumKeyBytes);
        LogGeneratedKey(logger, environment.EnvironmentName);
    }

    public string Hash(string token) => Hash(token.AsSpan());

    /// <summary>Hashes without intermediate arrays: tokens are short ASCII, so the UTF-8 bytes fit on the stack.</summary>
    public string Hash(ReadOnlySpan<char> token)
    {
        if (token.Length > MaxStackToken) return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token.ToArray())));
        Span<byte> utf8 = stackalloc byte[MaxStackToken * 3];
        var length = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, utf8[..length], mac);
        return Convert.ToHexStringLower(mac);
    }

    private const int MaxStackToken = 128;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:TokenHashKey is not set; generated a key for this process ({Environment} only). Tokens stop working when the process restarts.")]
    private static partial void LogGeneratedKey(ILogger logger, string environment);
}
