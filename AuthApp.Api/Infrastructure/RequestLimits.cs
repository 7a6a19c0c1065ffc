using Microsoft.AspNetCore.Http.Features;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Caps request bodies (S13). Kestrel enforces the cap while streaming; the Content-Length check
/// here also covers hosts without that feature (the in-process test server) and answers early.
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    });
}
