using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Introspection;

/// <summary><c>POST /introspect</c> (RFC 7662), for other APIs to check a token.</summary>
public static class IntrospectionEndpoints
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapIntrospectionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/introspect", Introspect)
            .WithTags("Introspection")
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Introspect)
            .WithFormBody(["token"], "token_type_hint")
            .WithSummary("Tell a registered API client whether a token is active (HTTP Basic client authentication).");
        return app;
    }

    public static async Task<Results<Ok<IntrospectionResponse>, ProblemHttpResult>> Introspect(
        HttpContext context,
        IntrospectionClientAuthenticator clients,
        TokenStore store,
        TokenHasher hasher,
        CancellationToken cancellationToken)
    {
        // Client authentication comes first so anonymous callers learn nothing about any token (S10).
        var clientId = clients.Authenticate(context.Request);
        if (clientId is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"AuthApp introspection\"";
            return ApiProblems.Unauthorized("Authenticate as a registered API client with HTTP Basic (client id and secret).");
        }

        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType) return ApiProblems.UnsupportedMediaType(FormContentType);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form["token"].Count != 1 || form["token"].ToString().Length == 0)
        {
            return ApiProblems.BadRequest("Send exactly one form field 'token'.");
        }

        var token = form["token"].ToString();
        // One Redis read decides: the session carries the account as it is now (decision 0082).
        var session = TokenFormat.LooksLikeAccessToken(token) ? await store.FindAsync(hasher.Hash(token)) : null;
        var active = session is { Kind: TokenKinds.Access };
        AuthTelemetry.Introspections.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, active ? "active" : "inactive"));
        if (!active) return TypedResults.Ok(IntrospectionResponse.Inactive);

        return TypedResults.Ok(new IntrospectionResponse(
            true,
            session!.UserId.ToString(),
            session.Email,
            session.Scope,
            session.ExpiresAt.ToUnixTimeSeconds(),
            session.IssuedAt.ToUnixTimeSeconds(),
            "bearer"));
    }
}
