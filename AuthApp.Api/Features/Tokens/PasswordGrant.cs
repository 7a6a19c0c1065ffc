using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The token endpoint's grants, shared by <c>/token</c> and the FastAPI-compatible <c>/accounts/token</c>:
/// the resource-owner password grant (RFC 6749 §4.3) and the refresh-token grant (§6, <see cref="RefreshGrant"/>).
/// Errors follow RFC 6749 §5.2; every answer carries <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class PasswordGrant(PasswordLogin login, LoginSessions sessions, RefreshGrant refresh)
{
    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> HandleAsync(
        HttpRequest request, bool grantTypeOptional, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Pragma = "no-cache";

        if (!request.HasFormContentType)
        {
            return Error(OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded."));
        }

        // A repeated field never gets here: the input gate refuses it for every form (decision 0084).
        var form = await request.ReadFormAsync(cancellationToken);

        // FastAPI's OAuth2PasswordRequestForm makes grant_type optional; RFC 6749 does not.
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0 && !grantTypeOptional) return Error(OAuthError.InvalidRequest("grant_type is required."));
        if (grantType == "refresh_token") return await refresh.HandleAsync(form, request.HttpContext);
        if (grantType.Length > 0 && grantType != "password")
        {
            return Error(new OAuthError("unsupported_grant_type", "Only grant_type=password and grant_type=refresh_token are supported."));
        }

        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (username.Length == 0 || password.Length == 0)
        {
            return Error(OAuthError.InvalidRequest("username and password are required."));
        }

        var user = await login.AuthenticateAsync(username, password, request.HttpContext);
        if (user is null) return Error(OAuthError.InvalidGrant);

        var issued = await sessions.StartAsync(user, request.HttpContext);
        return issued is null ? Error(OAuthError.InvalidGrant) : TypedResults.Ok(TokenResponse.From(issued));
    }

    private static JsonHttpResult<OAuthError> Error(OAuthError error) =>
        TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest);
}
