using AuthApp.Dashboard.Hosting;
using Microsoft.AspNetCore.Http;

namespace AuthApp.Dashboard.Otlp;

/// <summary>The OTLP receivers' one rule of access: <c>x-otlp-api-key</c> present exactly once and equal to the run's key.</summary>
internal static class OtlpApiKeyCheck
{
    public const string HeaderName = "x-otlp-api-key";

    public static bool IsAuthorized(HttpContext context, DashboardSecrets secrets)
    {
        // A repeated header is refused rather than "any of them matches": proxies that merge headers must not widen access.
        var values = context.Request.Headers[HeaderName];
        return values.Count == 1 && secrets.IsOtlpApiKey(values[0]);
    }
}
