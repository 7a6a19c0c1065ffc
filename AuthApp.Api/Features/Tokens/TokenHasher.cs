using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AuthApp.Api.Features.Tokens;

/// <summary>A token just minted and its stored form, hashed under the same key ring snapshot.</summary>
public readonly record struct MintedToken(string Token, string Hash);

/// <summary>
/// Turns a raw token into the only form we store: HMAC-SHA256, hex, under the key the token names (decision 0093):
/// <c>Auth:TokenHashKeys:&lt;id&gt;</c>, or the legacy <c>Auth:TokenHashKey</c> for tokens without an id. Keyed, so a
/// Redis dump cannot be matched against guessed tokens without the key as well. The ring follows configuration
/// reloads (the mounted secret folder), so adding a key and making it current needs no restart.
/// </summary>
public sealed partial class TokenHasher
{
    private readonly bool _development;
    private readonly byte[]? _generated;
    private readonly ILogger<TokenHasher> _logger;

    // Tokens naming a key the ring does not hold hash under this throwaway key, so they match nothing in Redis.
    private readonly byte[] _unknownKey = RandomNumberGenerator.GetBytes(AccessTokenOptionsValidator.MinimumKeyBytes);
    private volatile TokenHashKeyRing _ring;

    public TokenHasher(IOptions<AccessTokenOptions> options, IHostEnvironment environment, ILogger<TokenHasher> logger)
        : this(options, environment, logger, configuration: null)
    {
    }

    /// <summary>The API's: follows <paramref name="configuration"/> reloads.</summary>
    public TokenHasher(IOptions<AccessTokenOptions> options, IHostEnvironment environment, ILogger<TokenHasher> logger, IConfiguration? configuration)
    {
        _development = environment.IsDevelopment();
        _logger = logger;
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.TokenHashKey) && string.IsNullOrWhiteSpace(settings.CurrentTokenHashKey))
        {
            // The validator allows this only in Development: tokens then die with the process.
            _generated = RandomNumberGenerator.GetBytes(AccessTokenOptionsValidator.MinimumKeyBytes);
            LogGeneratedKey(logger, environment.EnvironmentName);
        }

        _ring = TokenHashKeyRing.From(settings, _generated);
        if (configuration is not null)
        {
            ChangeToken.OnChange(configuration.GetReloadToken, () => Reload(configuration.GetSection(AccessTokenOptions.Section)));
        }
    }

    /// <summary>The id new tokens carry (null: the legacy format, no id).</summary>
    public string? CurrentKeyId => _ring.CurrentId;

    /// <summary>A new access token under the current key, with its stored form.</summary>
    public MintedToken NewAccessToken() => Mint(TokenFormat.AccessTokenPrefix);

    /// <summary>A new refresh token under the current key, with its stored form.</summary>
    public MintedToken NewRefreshToken() => Mint(TokenFormat.RefreshTokenPrefix);

    public string Hash(string token) => Hash(token.AsSpan());

    /// <summary>
    /// Hashes without intermediate arrays: tokens are short ASCII, so the UTF-8 bytes fit on the stack. The key comes
    /// from the id inside the token: one HMAC, whatever the size of the ring.
    /// </summary>
    public string Hash(ReadOnlySpan<char> token) => Hash(token, _ring.Find(TokenFormat.KeyIdOf(token)) ?? _unknownKey);

    private MintedToken Mint(string prefix)
    {
        var ring = _ring;
        var token = prefix == TokenFormat.AccessTokenPrefix ? TokenFormat.NewAccessToken(ring.CurrentId) : TokenFormat.NewRefreshToken(ring.CurrentId);
        return new MintedToken(token, Hash(token, ring.CurrentKey));
    }

    private static string Hash(ReadOnlySpan<char> token, byte[] key)
    {
        if (token.Length > MaxStackToken) return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token.ToArray())));
        Span<byte> utf8 = stackalloc byte[MaxStackToken * 3];
        var length = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hmac = MacFor(key);
        hmac.AppendData(utf8[..length]);
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// This thread's HMAC state for <paramref name="key"/>. The one-shot <c>HMACSHA256.HashData</c> sets up and frees an
    /// OpenSSL MAC context on every call, the larger part of a token hash; a kept state is only reset. Per thread, so
    /// no lock; by key reference, and emptied when keys pile up (a reloaded ring brings new arrays).
    /// </summary>
    private static IncrementalHash MacFor(byte[] key)
    {
        var macs = t_macs ??= new Dictionary<byte[], IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (macs.TryGetValue(key, out var mac)) return mac;
        if (macs.Count >= MaxMacsPerThread)
        {
            foreach (var stale in macs.Values) stale.Dispose();
            macs.Clear();
        }

        mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        macs.Add(key, mac);
        return mac;
    }

    [ThreadStatic]
    private static Dictionary<byte[], IncrementalHash>? t_macs;

    private const int MaxMacsPerThread = 8;

    /// <summary>A reloaded ring replaces this one only when it is valid: a half-written secret folder must not lock everyone out.</summary>
    private void Reload(IConfigurationSection section)
    {
        var settings = new AccessTokenOptions();
        try
        {
            section.Bind(settings);
        }
        catch (InvalidOperationException)
        {
            LogReloadRefused(_logger, "a value does not parse");
            return;
        }

        var problems = AccessTokenOptionsValidator.KeyProblems(settings, _development).ToList();
        if (problems.Count > 0)
        {
            LogReloadRefused(_logger, string.Join(" ", problems));
            return;
        }

        var ring = TokenHashKeyRing.From(settings, _generated);
        if (ring.CurrentId is null && ring.Legacy is null)
        {
            LogReloadRefused(_logger, "neither Auth:TokenHashKey nor Auth:CurrentTokenHashKey is set");
            return;
        }

        var previous = _ring;
        _ring = ring;
        if (previous.CurrentId != ring.CurrentId || !previous.Keys.Keys.SequenceEqual(ring.Keys.Keys) || (previous.Legacy is null) != (ring.Legacy is null))
        {
            LogRingChanged(_logger, ring.CurrentId ?? "(legacy)", string.Join(",", ring.Keys.Keys.Order()), ring.Legacy is not null);
        }
    }

    private const int MaxStackToken = 128;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:TokenHashKey is not set; generated a key for this process ({Environment} only). Tokens stop working when the process restarts.")]
    private static partial void LogGeneratedKey(ILogger logger, string environment);

    // Key ids are not secrets (every token carries its own); the keys never appear.
    [LoggerMessage(Level = LogLevel.Information, Message = "Token-hash key ring reloaded: new tokens use key {CurrentId}; keys held {KeyIds}; legacy key held {HasLegacy}")]
    private static partial void LogRingChanged(ILogger logger, string currentId, string keyIds, bool hasLegacy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Token-hash key ring reload refused, the previous ring stays in use: {Problems}")]
    private static partial void LogReloadRefused(ILogger logger, string problems);
}
