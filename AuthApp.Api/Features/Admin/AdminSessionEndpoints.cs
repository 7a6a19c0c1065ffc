using AuthApp.Api.Features.Sessions;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// <c>/admin/users/{id}/sessions</c>: list a user's live sessions, revoke one, revoke all. A session is a
/// token family and has the same shape as on <c>/users/me/sessions</c> (<c>current</c> is always false here).
/// </summary>
public static class AdminSessionEndpoints
{
    public static RouteGroupBuilder MapAdminSessionApi(this RouteGroupBuilder admin)
    {
        var sessions = admin.MapGroup("/users/{id:guid}/sessions");
        sessions.MapGet("/", List).WithSummary("The user's live sessions (never the tokens).");
        sessions.MapDelete("/{sessionId}", Revoke).WithSummary("End one session (its access and refresh tokens) at once.");
        sessions.MapDelete("/", RevokeAll).WithSummary("End every session of the user at once.");
        return admin;
    }

    public static async Task<Results<Ok<IReadOnlyList<SessionResponse>>, ProblemHttpResult>> List(
        Guid id, AdminSessions sessions, CancellationToken cancellationToken) =>
        await sessions.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : AdminUserEndpoints.NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, string sessionId, AdminSessions sessions, HttpContext context)
    {
        if (sessionId.Length > 64) return ApiProblems.BadRequest("The session id is malformed.");
        return await sessions.RevokeAsync(id, sessionId, context)
            ? TypedResults.NoContent()
            : TypedResults.Problem("This user has no live session with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    public static async Task<Results<Ok<RevokedSessionsResponse>, ProblemHttpResult>> RevokeAll(
        Guid id, AdminSessions sessions, HttpContext context) =>
        await sessions.RevokeAllAsync(id, context) is { } count ? TypedResults.Ok(new RevokedSessionsResponse(count)) : AdminUserEndpoints.NotFound();
}
