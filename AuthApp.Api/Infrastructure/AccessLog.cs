using System.Diagnostics;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// One structured line per request: method, route template, status, duration. The template (not the
/// path) keeps values out; query string, body and Authorization are never read here (S17).
/// </summary>
internal static partial class AccessLog
{
    private const string RouteItem = "AuthApp.RouteTemplate";

    /// <summary>Outermost middleware: times the request and logs when it is done.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.Api.AccessLog");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = context.Items[RouteItem] as string ?? "(no route)";
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary>After routing: remembers the matched template, which error handling later clears.</summary>
    public static IApplicationBuilder UseRouteCapture(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint) context.Items[RouteItem] = endpoint.RoutePattern.RawText;
        return next(context);
    });

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
