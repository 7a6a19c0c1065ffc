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
            .WithFormBody(["grant_type", "username", "password"], "scope")
            .WithMetadata(OAuthErrorResponses.Instance)
            .WithSummary("Exchange an email and password for an access token (OAuth 2.0 password grant).");

        group.MapPost("/revoke", Revoke)
            .WithFormBody([], "token", "token_type_hint")
            .WithSummary("Revoke the token in the form field `token`, or the caller's own Bearer token.");

        return app;
    }

    public static Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> IssueToken(
        HttpRequest request, PasswordGrant grant, CancellationToken cancellationToken) =>
        grant.HandleAsync(request, grantTypeOptional: false, cancellationToken);

    public static async Task<Results<Ok, ProblemHttpResult, ChallengeHttpResult>> Revoke(
        HttpContext context, TokenStore store, TokenHasher hasher, CancellationToken cancellationToken)
    {
        var request = context.Request;
        string? token = null;
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            if (!request.HasFormContentType) return ApiProblems.UnsupportedMediaType(FormContentType);
            var form = await request.ReadFormAsync(cancellationToken);
            if (form["token"].Count > 1) return ApiProblems.BadRequest("The token parameter was sent more than once.");
            token = form["token"].ToString();
        }

        if (!string.IsNullOrEmpty(token))
        {
            // RFC 7009 §2.2: an unknown or malformed token still gets 200, so the answer leaks nothing.
            if (TokenFormat.LooksLikeAccessToken(token)) await RevokeAsync(store, hasher.Hash(token));
            return TypedResults.Ok();
        }

        if (context.Features.Get<TokenSession>() is { } own)
        {
            await RevokeAsync(store, own.TokenHash);
            return TypedResults.Ok();
        }

        if (request.Headers.Authorization.Count > 0) return TypedResults.Challenge();
        return ApiProblems.BadRequest("Send the token to revoke in the form field 'token', or authenticate with it as a Bearer token.");
    }

    private static async Task RevokeAsync(TokenStore store, string tokenHash)
    {
        if (await store.RevokeAsync(tokenHash)) AuthTelemetry.Revocations.Add(1);
    }
}
