using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Compatibility;

/// <summary>
/// The paths of the FastAPI service AuthApp replaces, with its request formats and success shapes,
/// so its clients move over unchanged. Where it answered 500 (duplicate email, unknown token) these
/// answer the proper 409 or 401.
/// </summary>
public static class CompatibilityEndpoints
{
    public static IEndpointRouteBuilder MapCompatibilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/accounts").WithTags("Compatibility (FastAPI)");
        group.MapPost("/", Register).RequireRateLimiting(RateLimitPolicies.Register).WithSummary("Register (FastAPI-compatible).");
        group.MapPost("/token", IssueToken)
            .DisableAntiforgery()
            .WithFormBody(["username", "password"], "grant_type", "scope", "client_id", "client_secret")
            .WithMetadata(OAuthErrorResponses.Instance)
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithSummary("Password login (FastAPI OAuth2PasswordRequestForm; grant_type optional).");
        group.MapGet("/me", GetCurrentUser).RequireAuthorization().WithSummary("The current user (FastAPI-compatible).");
        return app;
    }

    /// <summary>Answers 200 like the FastAPI route (its default status), not 201.</summary>
    public static async Task<Results<Ok<LegacyUserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        LegacyRegisterRequest request, UserRegistration registration, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(request.Email, request.Password, null, UserEndpoints.RecordCreated(audit, context), cancellationToken);
        await UserEndpoints.RecordRefusalAsync(audit, context, result);
        if (result.Errors is not null) return TypedResults.ValidationProblem(result.Errors);
        if (result.EmailTaken) return ApiProblems.Conflict("An account with this email already exists.");
        return TypedResults.Ok(ToLegacy(result.User!));
    }

    public static Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> IssueToken(
        HttpRequest request, PasswordGrant grant, CancellationToken cancellationToken) =>
        grant.HandleAsync(request, grantTypeOptional: true, cancellationToken);

    public static Results<Ok<LegacyUserResponse>, ChallengeHttpResult> GetCurrentUser(HttpContext context) =>
        UserEndpoints.CurrentUser(context) is { } session ? TypedResults.Ok(new LegacyUserResponse(session.Email, session.UserId, true)) : TypedResults.Challenge();

    private static LegacyUserResponse ToLegacy(UserAccount user) => new(user.Email, user.Id, user.IsActive);
}
