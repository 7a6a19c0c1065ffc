using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>Checks the token settings; failures name the key and never echo a secret.</summary>
internal sealed class AccessTokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<AccessTokenOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AccessTokenOptions options)
    {
        var failures = KeyProblems(options, environment.IsDevelopment()).ToList();
        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Auth:AccessTokenLifetime must be a TimeSpan between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The problems of the legacy key and the key ring; the hasher checks a reloaded ring with this too.</summary>
    public static IEnumerable<string> KeyProblems(AccessTokenOptions options, bool development)
    {
        var hasLegacy = !string.IsNullOrWhiteSpace(options.TokenHashKey);
        if (hasLegacy && DecodeKey(options.TokenHashKey!) is not { Length: >= MinimumKeyBytes })
        {
            yield return "Auth:TokenHashKey is malformed: it must be base64 of at least 32 random bytes.";
        }

        foreach (var (id, value) in options.TokenHashKeys)
        {
            if (!TokenFormat.IsValidKeyId(id))
            {
                // The id is not a secret (every token carries it), so the message may name it.
                yield return $"Auth:TokenHashKeys:{id} has an invalid id: use 1 to {TokenFormat.MaxKeyIdLength} lower-case letters or digits.";
            }
            else if (string.IsNullOrWhiteSpace(value) || DecodeKey(value) is not { Length: >= MinimumKeyBytes })
            {
                yield return $"Auth:TokenHashKeys:{id} is malformed: it must be base64 of at least 32 random bytes.";
            }
        }

        var current = options.CurrentTokenHashKey;
        if (!string.IsNullOrWhiteSpace(current) && !options.TokenHashKeys.ContainsKey(current))
        {
            yield return $"Auth:CurrentTokenHashKey names '{current}', which is not in Auth:TokenHashKeys: add Auth:TokenHashKeys:{current} first.";
        }
        else if (string.IsNullOrWhiteSpace(current) && options.TokenHashKeys.Count > 0)
        {
            yield return "Auth:CurrentTokenHashKey is missing: name the key of Auth:TokenHashKeys that new tokens use.";
        }
        else if (string.IsNullOrWhiteSpace(current) && !hasLegacy && !development)
        {
            yield return "Auth:TokenHashKey is missing: set it (environment: Auth__TokenHashKey) to base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`, or set the key ring (Auth:TokenHashKeys:<id> and Auth:CurrentTokenHashKey).";
        }

        // The OpenID Connect issuer wraps its stored signing keys under this key (decision 0089): without it they
        // would be wrapped under the development secret.
        if (!hasLegacy && !development && options.TokenHashKeys.Count > 0)
        {
            yield return "Auth:TokenHashKey is missing: keep it beside the key ring, since it wraps the OpenID Connect issuer's signing keys; rotate token hashing with Auth:TokenHashKeys only.";
        }
    }

    public static byte[]? DecodeKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
