using System.Globalization;
using System.Threading.RateLimiting;
using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Protection;

/// <summary>
/// The outermost guard against overload (<see cref="OverloadOptions"/>): one concurrency limiter for the whole API.
/// A shed request costs no store access and no parsing, so shedding stays cheap when it matters most.
/// <c>/health</c> and <c>/alive</c> bypass it: an orchestrator must see an overloaded API as alive, not dead.
/// </summary>
public static class LoadShedding
{
    public static IServiceCollection AddLoadShedding(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OverloadOptions>>().Value;
            return new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests,
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        });
        return services;
    }

    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<ConcurrencyLimiter>();
        var retryAfter = ((int)Math.Ceiling(app.ApplicationServices.GetRequiredService<IOptions<OverloadOptions>>().Value.RetryAfter.TotalSeconds))
            .ToString(CultureInfo.InvariantCulture);
        return app.Use((context, next) =>
        {
            if (IsProbe(context.Request.Path)) return next(context);

            // The common case takes a free permit at once, released when the response is done: no await here, which
            // would add a state machine to every request.
            var lease = limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                context.Response.RegisterForDispose(lease);
                return next(context);
            }

            lease.Dispose();
            return QueueOrShedAsync(context, next, limiter, retryAfter);
        });
    }

    /// <summary>No permit free: wait in the queue, or answer 503 when it is full.</summary>
    private static async Task QueueOrShedAsync(HttpContext context, RequestDelegate next, ConcurrencyLimiter limiter, string retryAfter)
    {
        using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        AuthTelemetry.RequestsShed.Add(1);
        await ApiProblems.WriteRetryLaterAsync(context, StatusCodes.Status503ServiceUnavailable, "Overloaded",
            $"The service is busy right now. Retry after {retryAfter} second(s).", retryAfter);
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath);
}
