using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>Checks the token settings; failures name the key and never echo a secret.</summary>
internal sealed class AccessTokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<AccessTokenOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AccessTokenOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TokenHashKey))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add("Auth:TokenHashKey is missing: set it (environment: Auth__TokenHashKey) to base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`.");
            }
        }
        else if (DecodeKey(options.TokenHashKey) is not { Length: >= MinimumKeyBytes })
        {
            failures.Add("Auth:TokenHashKey is malformed: it must be base64 of at least 32 random bytes.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Auth:AccessTokenLifetime must be a TimeSpan between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static byte[]? DecodeKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
