using System.Globalization;
using System.Threading.RateLimiting;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Protection;

/// <summary>The rate-limiter policy names endpoints opt into with <c>RequireRateLimiting</c>.</summary>
public static class RateLimitPolicies
{
    public const string Token = "token";
    public const string Register = "register";
    public const string Introspect = "introspect";
}

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per policy and client address (S12). Over the
/// limit: 429 with <c>Retry-After</c> and a problem body, on every path including <c>/token</c>.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicies.Token, context => Partition(context, settings.Value.Token));
            limiter.AddPolicy(RateLimitPolicies.Register, context => Partition(context, settings.Value.Register));
            limiter.AddPolicy(RateLimitPolicies.Introspect, context => Partition(context, settings.Value.Introspect));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Behind a proxy, the proxy's address is the partition unless forwarded headers are configured.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitPolicyOptions limit) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.ClientAddressOf() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        await ApiProblems.WriteRetryLaterAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests from this address. Retry after {seconds} seconds.", seconds.ToString(CultureInfo.InvariantCulture),
            type: "https://tools.ietf.org/html/rfc6585#section-4");
    }
}
