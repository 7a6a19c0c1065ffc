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
        var logger = Logger(app);
        // With the line switched off (Warning and up, as in the load benchmark) a request costs one level check here.
        return app.Use((context, next) => logger.IsEnabled(LogLevel.Information) ? LoggedAsync(context, next, logger) : next(context));
    }

    /// <summary>After routing: remembers the matched template, which error handling later clears.</summary>
    public static IApplicationBuilder UseRouteCapture(this IApplicationBuilder app)
    {
        var logger = Logger(app);
        return app.Use((context, next) =>
        {
            if (logger.IsEnabled(LogLevel.Information) && context.GetEndpoint() is RouteEndpoint endpoint)
            {
                context.Items[RouteItem] = endpoint.RoutePattern.RawText;
            }

            return next(context);
        });
    }

    private static ILogger Logger(IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.Api.AccessLog");

    private static async Task LoggedAsync(HttpContext context, RequestDelegate next, ILogger logger)
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
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
