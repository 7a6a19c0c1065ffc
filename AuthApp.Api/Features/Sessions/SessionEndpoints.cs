using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Sessions;

/// <summary>A user's own sessions: list them, end them all, change the password.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users/me").WithTags("Sessions").RequireAuthorization();
        group.MapGet("/sessions", ListSessions).WithSummary("The caller's live sessions (never their tokens).");
        group.MapPost("/sessions/revoke", RevokeAll).WithSummary("Log out everywhere: end every session of the caller, this one included.");
        group.MapPost("/password", ChangePassword)
            .WithSummary("Change the password (the current one is required); ends every other session, keeps this one.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SessionResponse>>> ListSessions(HttpContext context, TokenStore store)
    {
        var current = context.Features.GetRequiredFeature<TokenSession>();
        var tokens = await store.ListForUserAsync(current.UserId, includeRefresh: true);
        return TypedResults.Ok(SessionResponse.From(tokens, current.FamilyId));
    }

    public static async Task<Ok<RevokedSessionsResponse>> RevokeAll(HttpContext context, TokenStore store, IAuditLog audit)
    {
        var userId = context.Features.GetRequiredFeature<TokenSession>().UserId;
        var revoked = await store.RevokeAllForUserAsync(userId);
        AuthTelemetry.Revocations.Add(revoked);
        await audit.RecordAsync(context, AuditEventTypes.LogoutEverywhere, AuditOutcomes.Success, userId.ToString(), $"{revoked} sessions");
        return TypedResults.Ok(new RevokedSessionsResponse(revoked));
    }

    public static async Task<Results<Ok<RevokedSessionsResponse>, ValidationProblem, ProblemHttpResult, ChallengeHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext context, PasswordChange change)
    {
        var result = await change.ChangeAsync(context.Features.GetRequiredFeature<TokenSession>(), request, context);
        return result switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            { WrongCurrentPassword: true } => ApiProblems.BadRequest("The current password is incorrect."),
            { RevokedSessions: { } revoked } => TypedResults.Ok(new RevokedSessionsResponse(revoked)),
            _ => TypedResults.Challenge(),
        };
    }
}
