using AuthApp.Api.Data;
using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>A freshly issued pair: the raw values go to the client once and are then forgotten.</summary>
public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime, string RefreshToken, string FamilyId);

/// <summary>Mints access and refresh tokens and records their sessions.</summary>
public sealed class TokenIssuer(
    TokenFamilies families,
    TokenHasher hasher,
    IOptions<AccessTokenOptions> accessOptions,
    IOptions<RefreshTokenOptions> refreshOptions,
    TimeProvider time)
{
    /// <summary>A login: a new session (family) with its first access and refresh token.</summary>
    public async Task<IssuedToken> IssueAsync(UserAccount user, HttpContext context)
    {
        var familyId = TokenFormat.NewFamilyId();
        var (issued, access, refresh) = NewPair(user, context, familyId, time.GetUtcNow());
        await families.StartAsync(access, refresh);
        return issued;
    }

    /// <summary>A refresh: the presented refresh token is retired and a new pair joins its family; null if another request rotated it first.</summary>
    public async Task<IssuedToken?> RotateAsync(TokenSession presented, UserAccount user, HttpContext context)
    {
        var (issued, access, refresh) = NewPair(user, context, presented.FamilyId!, presented.SessionStartedAt ?? presented.IssuedAt);
        return await families.RotateAsync(presented, access, refresh) ? issued : null;
    }

    private (IssuedToken Issued, TokenSession Access, TokenSession Refresh) NewPair(
        UserAccount user, HttpContext context, string familyId, DateTimeOffset sessionStartedAt)
    {
        var accessToken = TokenFormat.NewAccessToken();
        var refreshToken = TokenFormat.NewRefreshToken();
        var accessLifetime = accessOptions.Value.AccessTokenLifetime;
        var now = time.GetUtcNow();
        var address = context.ClientAddressOf();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        userAgent = userAgent.Length > 256 ? userAgent[..256] : userAgent;
        TokenSession Session(string token, string kind, TimeSpan lifetime) => new(
            hasher.Hash(token), kind, user.Id, user.Email, user.Roles, now, now + lifetime, address, userAgent, familyId, sessionStartedAt);
        return (
            new IssuedToken(accessToken, accessLifetime, refreshToken, familyId),
            Session(accessToken, TokenKinds.Access, accessLifetime),
            Session(refreshToken, TokenKinds.Refresh, refreshOptions.Value.RefreshTokenLifetime));
    }
}
