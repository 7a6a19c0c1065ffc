using AuthApp.Api.Features.Audit;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// <c>grant_type=refresh_token</c> (RFC 6749 §6): a new access and refresh token for a live refresh
/// token, which is retired at once (rotation). A retired token presented again ends its whole family.
/// One Redis script decides and records it (decision 0086): the presented session carries the account as it is now
/// (decision 0082), and the audit event goes to the outbox with the change.
/// </summary>
public sealed partial class RefreshGrant(
    TokenFamilies families,
    TokenHasher hasher,
    TokenIssuer issuer,
    IAuditLog audit,
    ILogger<RefreshGrant> logger)
{
    /// <summary>The same answer for unknown, expired, reused and disabled-account tokens.</summary>
    private static readonly OAuthError InvalidRefreshToken = new("invalid_grant", "The refresh token is invalid, expired or revoked.");

    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> HandleAsync(IFormCollection form, HttpContext context)
    {
        var token = form["refresh_token"].ToString();
        if (token.Length == 0) return Error(OAuthError.InvalidRequest("refresh_token is required."));
        if (!TokenFormat.LooksLikeRefreshToken(token)) return Error(InvalidRefreshToken);

        var hash = hasher.Hash(token);
        // Unknown, expired, already rotated, or of an account that was disabled or deleted (its sessions were ended).
        if (await issuer.RefreshAsync(hash, context) is not { } refreshed) return await RevokeIfReusedAsync(hash, context);

        AuthTelemetry.Refreshes.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, "success"));
        return TypedResults.Ok(TokenResponse.From(refreshed.Issued));
    }

    private async Task<JsonHttpResult<OAuthError>> RevokeIfReusedAsync(string hash, HttpContext context)
    {
        if (await families.FindReusedAsync(hash) is not { } reused)
        {
            AuthTelemetry.Refreshes.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, "invalid"));
            return Error(InvalidRefreshToken);
        }

        var revoked = await families.RevokeFamilyAsync(reused.FamilyId, reused.UserId);
        await audit.RecordAsync(context, AuditEventTypes.RefreshReuse, AuditOutcomes.Failure, reused.UserId.ToString(), $"session {reused.FamilyId} revoked");
        AuthTelemetry.RefreshReuses.Add(1);
        AuthTelemetry.Refreshes.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, "reused"));
        LogReuse(logger, reused.UserId, revoked);
        return Error(InvalidRefreshToken);
    }

    private static JsonHttpResult<OAuthError> Error(OAuthError error) =>
        TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reuse of a rotated refresh token of user {UserId}: revoked its session ({Revoked} live tokens)")]
    private static partial void LogReuse(ILogger logger, Guid userId, long revoked);
}
