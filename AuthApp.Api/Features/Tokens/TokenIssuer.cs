using AuthApp.Api.Data;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>A freshly issued token: the raw value goes to the client once and is then forgotten.</summary>
public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime);

/// <summary>Mints access tokens and records their sessions.</summary>
public sealed class TokenIssuer(TokenStore store, TokenHasher hasher, IOptions<AccessTokenOptions> options, TimeProvider time)
{
    public async Task<IssuedToken> IssueAsync(UserAccount user, HttpContext context)
    {
        var token = TokenFormat.NewAccessToken();
        var lifetime = options.Value.AccessTokenLifetime;
        var now = time.GetUtcNow();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        await store.StoreAsync(new TokenSession(
            hasher.Hash(token),
            TokenKinds.Access,
            user.Id,
            user.Email,
            user.Roles,
            now,
            now + lifetime,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length > 256 ? userAgent[..256] : userAgent));
        return new IssuedToken(token, lifetime);
    }
}
