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
}
