using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Infrastructure;

/// <summary>The RFC 7807 answers handlers give for bad input; each names the problem.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult UnsupportedMediaType(string expected) =>
        TypedResults.Problem($"The body must be {expected}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    /// <summary>
    /// Writes a "come back later" problem (shed load, a rate limit): <c>Retry-After</c> in seconds, never cached.
    /// </summary>
    public static Task WriteRetryLaterAsync(HttpContext context, int status, string title, string detail, string retryAfterSeconds, string? type = null)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds;
        context.Response.Headers.CacheControl = "no-store";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        }).AsTask();
    }
}
