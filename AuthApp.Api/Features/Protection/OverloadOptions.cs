using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Protection;

/// <summary>
/// Load shedding (<c>Overload</c>): at most <see cref="MaxConcurrentRequests"/> requests run at once and at most
/// <see cref="QueueLimit"/> wait for a slot; any further request is answered 503 with <c>Retry-After</c> at once,
/// so latency stays bounded when the offered load exceeds what the cores can serve. Probes are never shed.
/// </summary>
public sealed class OverloadOptions
{
    public const string Section = "Overload";

    /// <summary>Requests in progress at once. Default 32 per core: well above what saturates the cores on token checks.</summary>
    public int MaxConcurrentRequests { get; set; } = 32 * Environment.ProcessorCount;

    /// <summary>Requests waiting for a slot, oldest first. Default 8 per core: absorbs bursts without growing latency.</summary>
    public int QueueLimit { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>What <c>Retry-After</c> says to a shed request. Default 1 second.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Each failure names its key.</summary>
internal sealed class OverloadOptionsValidator : IValidateOptions<OverloadOptions>
{
    public ValidateOptionsResult Validate(string? name, OverloadOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrentRequests is < 1 or > 100_000) failures.Add("Overload:MaxConcurrentRequests must be between 1 and 100000.");
        if (options.QueueLimit is < 0 or > 100_000) failures.Add("Overload:QueueLimit must be between 0 and 100000.");
        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromMinutes(10))
        {
            failures.Add("Overload:RetryAfter must be a TimeSpan between 00:00:01 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
