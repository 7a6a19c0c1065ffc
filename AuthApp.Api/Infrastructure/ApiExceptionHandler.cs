using System.Text.Json;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure.Input;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The one place exceptions become answers: client mistakes a 4xx naming the problem (a refused field by
/// name, never by value), an unreachable store 503 (fail closed), anything else a generic 500 with no internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The client went away: nobody is left to answer, and it is not our failure.
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var (status, title, detail) = Classify(exception);
        if (status >= 500) LogFailure(logger, status, exception.GetType().Name, exception);
        else if (StoreFailures.IsDataError(exception)) LogDataError(logger);
        else LogRejected(logger, status, title);

        context.Response.StatusCode = status;
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (status < 500 && endpoint?.Metadata.GetMetadata<OAuthErrorResponses>() is not null)
        {
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsJsonAsync(OAuthError.InvalidRequest(detail), cancellationToken);
            return true;
        }

        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";
        var problem = RefusedField(exception) is { } refused
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [refused.FieldName] = [detail] })
            : new ProblemDetails();
        (problem.Status, problem.Title, problem.Detail) = (status, title, detail);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    internal static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        _ when RefusedField(exception) is { } refused =>
            (400, "One or more validation errors occurred.", $"The field '{refused.FieldName}' {refused.Reason}"),
        BadHttpRequestException { InnerException: JsonException json } =>
            (400, "Malformed JSON", DescribeJson(json)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "Payload too large", $"The request body exceeds {RequestLimits.MaxBodyBytes / 1024} KiB."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (415, "Unsupported media type", "The body must be application/json."),
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 =>
            (bad.StatusCode, "Bad request", "The request could not be read: a required value is missing or has the wrong form."),
        InvalidDataException =>
            (400, "Bad request", "The form body is malformed or too large."),
        _ when StoreFailures.IsTokenStoreOutage(exception) =>
            (503, "Token store unavailable", "Tokens cannot be checked right now. Try again shortly."),
        _ when StoreFailures.IsOutage(exception) =>
            (503, "Account store unavailable", "Accounts cannot be reached right now. Try again shortly."),
        // A value the edge should have refused: still the client's request, and no outage.
        _ when StoreFailures.IsDataError(exception) =>
            (400, "Bad request", "A value in the request cannot be stored."),
        _ => (500, "Internal server error", "An unexpected error occurred."),
    };

    /// <summary>Names the JSON problem by path without echoing values or internal type names.</summary>
    private static string DescribeJson(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "the body" : $"'{json.Path}'";
        return json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"Unknown field at {where}: only the documented fields are accepted."
            : $"The JSON body is malformed, or {where} is missing or has the wrong type.";
    }

    /// <summary>A field the edge refused: thrown by the form and query gate, or by the JSON gate inside body binding.</summary>
    private static RefusedFieldException? RefusedField(Exception exception) => exception switch
    {
        RefusedFieldException refused => refused,
        BadHttpRequestException { InnerException: RefusedFieldException refused } => refused,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status} ({ExceptionType})")]
    private static partial void LogFailure(ILogger logger, int status, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The account store refused a value the edge let through (SQLSTATE class 22): answered 400")]
    private static partial void LogDataError(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request rejected with {Status}: {Title}")]
    private static partial void LogRejected(ILogger logger, int status, string title);
}
