using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Protection;

/// <summary>One policy's limit: <c>RateLimits:&lt;policy&gt;:PermitLimit</c> requests per <c>RateLimits:&lt;policy&gt;:Window</c>.</summary>
public sealed class RateLimitPolicyOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Per-client-address request limits (S12) from <c>RateLimits</c>. Defaults stop scripted bursts
/// (a 60-login burst is cut off after 20) and stay far above what a person or a first-party client does.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary><c>RateLimits:token</c>: logins and refreshes. Default 20 per minute.</summary>
    public RateLimitPolicyOptions Token { get; set; } = new() { PermitLimit = 20 };

    /// <summary><c>RateLimits:register</c>: registrations. Default 10 per minute.</summary>
    public RateLimitPolicyOptions Register { get; set; } = new() { PermitLimit = 10 };

    /// <summary><c>RateLimits:introspect</c>: token checks by other APIs, which call often. Default 3000 per minute.</summary>
    public RateLimitPolicyOptions Introspect { get; set; } = new() { PermitLimit = 3000 };
}

/// <summary>Each failure names its key.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var (policy, limit) in new[] { ("token", options.Token), ("register", options.Register), ("introspect", options.Introspect) })
        {
            if (limit.PermitLimit < 1) failures.Add($"RateLimits:{policy}:PermitLimit must be at least 1.");
            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1))
            {
                failures.Add($"RateLimits:{policy}:Window must be a TimeSpan between 00:00:01 and 1.00:00:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
