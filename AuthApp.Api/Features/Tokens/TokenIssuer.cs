using System.Security.Claims;
using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>A freshly issued pair: the raw values go to the client once and are then forgotten.</summary>
public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime, string RefreshToken, string FamilyId);

/// <summary>Mints access and refresh tokens and records their sessions, each with a copy of the account.</summary>
public sealed class TokenIssuer(
    TokenFamilies families,
    TokenHasher hasher,
    IOptions<AccessTokenOptions> accessOptions,
    IOptions<RefreshTokenOptions> refreshOptions,
    TimeProvider time)
{
    /// <summary>
    /// A login: a new session (family) with its first access and refresh token, carrying <paramref name="account"/>.
    /// Null when the account's version stamp is no longer <paramref name="accountVersion"/> (an account change won the race).
    /// </summary>
    public async Task<IssuedToken?> IssueAsync(AccountSnapshot account, string accountVersion, HttpContext context)
    {
        var familyId = TokenFormat.NewFamilyId();
        var (issued, access, refresh) = NewPair(account, accountVersion, context, familyId, time.GetUtcNow());
        return await families.StartAsync(access, refresh, accountVersion) ? issued : null;
    }

    /// <summary>
    /// A refresh: the refresh token with <paramref name="presentedHash"/> is retired and a new pair joins its family
    /// with the account copied from it; null when it is not a live refresh token (or another request rotated it first).
    /// </summary>
    public async Task<(IssuedToken Issued, Guid UserId)?> RefreshAsync(string presentedHash, HttpContext context)
    {
        var (accessToken, accessHash) = hasher.NewAccessToken();
        var (refreshToken, refreshHash) = hasher.NewRefreshToken();
        var accessLifetime = accessOptions.Value.AccessTokenLifetime;
        var refreshed = await families.RefreshAsync(new RefreshPair(
            presentedHash, accessHash, accessLifetime, refreshHash, refreshOptions.Value.RefreshTokenLifetime,
            time.GetUtcNow(), context.ClientAddressOf() ?? string.Empty, UserAgentOf(context), context.User.FindFirstValue(ClaimTypes.NameIdentifier)));
        return refreshed is null ? null : (new IssuedToken(accessToken, accessLifetime, refreshToken, refreshed.FamilyId), refreshed.UserId);
    }

    private (IssuedToken Issued, TokenSession Access, TokenSession Refresh) NewPair(
        AccountSnapshot account, string accountVersion, HttpContext context, string familyId, DateTimeOffset sessionStartedAt)
    {
        var access = hasher.NewAccessToken();
        var refresh = hasher.NewRefreshToken();
        var accessLifetime = accessOptions.Value.AccessTokenLifetime;
        var now = time.GetUtcNow();
        var address = context.ClientAddressOf();
        var userAgent = UserAgentOf(context);
        TokenSession Session(MintedToken token, string kind, TimeSpan lifetime) => new(
            token.Hash, kind, account.UserId, account.Email, account.Roles, now, now + lifetime, address, userAgent, familyId, sessionStartedAt)
        {
            DisplayName = account.DisplayName,
            AccountCreatedAt = account.CreatedAt,
            AccountVersion = accountVersion,
        };
        return (
            new IssuedToken(access.Token, accessLifetime, refresh.Token, familyId),
            Session(access, TokenKinds.Access, accessLifetime),
            Session(refresh, TokenKinds.Refresh, refreshOptions.Value.RefreshTokenLifetime));
    }

    private static string UserAgentOf(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return userAgent.Length > 256 ? userAgent[..256] : userAgent;
    }
}
