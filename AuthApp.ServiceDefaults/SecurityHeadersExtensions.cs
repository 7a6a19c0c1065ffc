using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Opt-in response headers for every AuthApp service (security.md S20): no MIME sniffing, no framing,
/// no referrer, and HSTS over HTTPS outside Development. Call it early: <c>app.UseSecurityHeaders();</c>.
/// </summary>
public static class SecurityHeadersExtensions
{
    /// <summary>The default policy only forbids framing, so it suits both an API and a Blazor site.</summary>
    public const string DefaultContentSecurityPolicy = "frame-ancestors 'none'";

    /// <summary>Adds the headers to every response, error pages included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app, string contentSecurityPolicy = DefaultContentSecurityPolicy)
    {
        // Development serves plain http on localhost, where a remembered HSTS policy would break other local sites.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Set when the response starts: error handling clears headers set earlier. One callback for every request,
        // given the response as its state, rather than a new closure per request.
        Func<object, Task> addHeaders = state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        };
        app.Use((context, next) =>
        {
            context.Response.OnStarting(addHeaders, context.Response);
            return next(context);
        });
        return app;
    }
}
