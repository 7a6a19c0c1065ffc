using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer aat_…</c> (RFC 6750) against the token store. Claims carry
/// the user id, email and roles, so role checks (issue 4) are plain authorization policies. One Redis
/// read decides (decision 0082): the session carries the account as it is now, because every account
/// change rewrites or ends the user's sessions before it reports success.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenStore store,
    TokenHasher hasher,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    private static readonly AuthenticateResult FailMalformed = AuthenticateResult.Fail("Malformed bearer token.");
    private static readonly AuthenticateResult FailUnknown = AuthenticateResult.Fail("Unknown, expired, revoked or disabled-account token.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        // Slicing a span avoids a substring when the header has no stray spaces (the usual case).
        var token = header.AsSpan("Bearer ".Length).Trim();
        if (!TokenFormat.LooksLikeAccessToken(token)) return FailMalformed;

        var session = await store.FindAsync(hasher.Hash(token));
        if (session is null || session.Kind != TokenKinds.Access) return FailUnknown;

        // Endpoints read the session (and its account copy) from here rather than look it up again.
        Context.Features.Set(session);
        var claims = new List<Claim>(2 + session.Roles.Count)
        {
            new(ClaimTypes.NameIdentifier, session.UserId.ToString()),
            new(ClaimTypes.Email, session.Email),
        };
        foreach (var role in session.Roles) claims.Add(new Claim(ClaimTypes.Role, role));
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
