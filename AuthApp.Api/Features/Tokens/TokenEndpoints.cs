using System.Security.Claims;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Tokens;

/// <summary><c>POST /token</c> (RFC 6749 password grant) and <c>POST /revoke</c> (RFC 7009).</summary>
public static class TokenEndpoints
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Tokens").DisableAntiforgery();

        group.MapPost("/token", IssueToken)
            .WithFormBody(["grant_type"], "username", "password", "refresh_token", "scope")
            .WithMetadata(OAuthErrorResponses.Instance)
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithSummary("Exchange an email and password (grant_type=password) or a refresh token (grant_type=refresh_token) for an access and refresh token.");

        group.MapPost("/revoke", Revoke)
            .WithFormBody([], "token", "token_type_hint")
            .WithSummary("End the session of the access or refresh token in the form field `token`, or of the caller's own Bearer token.");

        return app;
    }

    public static Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> IssueToken(
        HttpRequest request, PasswordGrant grant, CancellationToken cancellationToken) =>
        grant.HandleAsync(request, grantTypeOptional: false, cancellationToken);

    public static async Task<Results<Ok, ProblemHttpResult, ChallengeHttpResult>> Revoke(
        HttpContext context, TokenStore store, TokenFamilies families, TokenHasher hasher, CancellationToken cancellationToken)
    {
        var request = context.Request;
        string? token = null;
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            if (!request.HasFormContentType) return ApiProblems.UnsupportedMediaType(FormContentType);
            var form = await request.ReadFormAsync(cancellationToken);
            token = form["token"].ToString();
        }

        if (!string.IsNullOrEmpty(token))
        {
            // RFC 7009 §2.2: an unknown or malformed token still gets 200, so the answer leaks nothing.
            if (TokenFormat.LooksLikeAccessToken(token) || TokenFormat.LooksLikeRefreshToken(token))
            {
                // One script finds and ends the session: one Redis round trip, and nothing can slip in between.
                // The script also appends the audit event to the outbox (decision 0086).
                var origin = new RevocationOrigin(context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.ClientAddressOf());
                if (await families.RevokeByTokenAsync(hasher.Hash(token), origin) is { TokensDeleted: > 0 } ended)
                {
                    AuthTelemetry.Revocations.Add(ended.FamilyId is null ? 1 : ended.TokensDeleted);
                }
            }

            return TypedResults.Ok();
        }

        if (context.Features.Get<TokenSession>() is { } own)
        {
            // Resolved here, not as a parameter: the audit log holds a pooled DbContext, which the form path above
            // never needs and would otherwise rent and reset on every revocation.
            var audit = context.RequestServices.GetRequiredService<IAuditLog>();
            await RevokeAsync(store, families, audit, context, own);
            return TypedResults.Ok();
        }

        if (request.Headers.Authorization.Count > 0) return TypedResults.Challenge();
        return ApiProblems.BadRequest("Send the token to revoke in the form field 'token', or authenticate with it as a Bearer token.");
    }

    /// <summary>
    /// Revoking either token of a session ends the whole session (RFC 7009 §2.1 allows this), so
    /// "log out" with the access token also kills the refresh token that could mint new ones.
    /// </summary>
    private static async Task RevokeAsync(TokenStore store, TokenFamilies families, IAuditLog audit, HttpContext context, TokenSession? session)
    {
        if (session is null) return;
        var revoked = session.FamilyId is { } family
            ? await families.RevokeFamilyAsync(family, session.UserId)
            : await store.RevokeAsync(session.TokenHash) ? 1 : 0;
        if (revoked == 0) return;
        await RecordAsync(audit, context, session.UserId, session.FamilyId, revoked);
    }

    private static Task RecordAsync(IAuditLog audit, HttpContext context, Guid userId, string? familyId, long revoked)
    {
        AuthTelemetry.Revocations.Add(revoked);
        return audit.RecordAsync(context, AuditEventTypes.Revocation, AuditOutcomes.Success, userId.ToString(), $"session {familyId}");
    }
}
