using System.Security.Claims;
using System.Text.Encodings.Web;
using AuthApp.Api.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer aat_…</c> (RFC 6750) against the token store. Claims carry
/// the user id, email and roles, so role checks (issue 4) are plain authorization policies. The
/// account is read on every request: a disabled or deleted account's tokens fail at once, and the
/// roles are the account's current ones, not those at login.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenStore store,
    TokenHasher hasher,
    ActiveAccounts accounts,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var token = header["Bearer ".Length..].Trim();
        if (!TokenFormat.LooksLikeAccessToken(token)) return AuthenticateResult.Fail("Malformed bearer token.");

        var session = await store.FindAsync(hasher.Hash(token));
        if (session is null || session.Kind != TokenKinds.Access) return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        var account = await accounts.FindAsync(session.UserId, Context.RequestAborted);
        if (account is null) return AuthenticateResult.Fail("The token's account is disabled or deleted.");

        Context.Features.Set(session);
        // Endpoints read the account from here rather than query it a second time.
        Context.Features.Set(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Email, account.Email),
        };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3: say "invalid_token" only when a token was actually presented.
        var presented = Request.Headers.Authorization.ToString().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented
            ? "Bearer realm=\"AuthApp\", error=\"invalid_token\""
            : "Bearer realm=\"AuthApp\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = presented
                    ? "The bearer token is malformed, unknown, expired or revoked."
                    : "Send an access token in the Authorization header: Bearer <token>.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "Your account lacks the role this endpoint requires." },
        });
    }
}
