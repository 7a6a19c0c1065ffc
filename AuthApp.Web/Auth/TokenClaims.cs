namespace AuthApp.Web.Auth;

/// <summary>
/// Claims of the admin's cookie principal. The access token lives only in the encrypted, HttpOnly cookie
/// and in server memory; it is never rendered into a page.
/// </summary>
public static class TokenClaims
{
    public const string AccessToken = "authapp:access_token";

    public const string AdminRole = "admin";
}
