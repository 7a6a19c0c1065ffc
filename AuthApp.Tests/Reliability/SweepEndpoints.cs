namespace AuthApp.Tests.Reliability;

/// <summary>Every public and admin endpoint that takes input, with a valid request each case then breaks.</summary>
public static class SweepEndpoints
{
    private static readonly SweepField Email = new("email", "@email");
    private static readonly SweepField Password = new("password", "@password", Secret: true);
    private static readonly SweepField Page = new("page", "1", SweepFieldKind.Number);
    private static readonly SweepField PageSize = new("pageSize", "20", SweepFieldKind.Number);

    public static readonly IReadOnlyList<SweepEndpoint> All =
    [
        new("register", "POST", "/users", SweepCaller.Anonymous, SweepBody.Json, [Email, Password, new("displayName", "Ada")]),
        new("legacy-register", "POST", "/accounts/", SweepCaller.Anonymous, SweepBody.Json, [Email, Password]),
        new("password-grant", "POST", "/token", SweepCaller.Anonymous, SweepBody.Form,
            [new("grant_type", "password"), new("username", "@email"), Password], OAuthErrors: true),
        new("refresh-grant", "POST", "/token", SweepCaller.Anonymous, SweepBody.Form,
            [new("grant_type", "refresh_token"), new("refresh_token", "art_unknownrefreshtoken", Secret: true)], OAuthErrors: true),
        new("legacy-token", "POST", "/accounts/token", SweepCaller.Anonymous, SweepBody.Form, [new("username", "@email"), Password], OAuthErrors: true),
        new("revoke", "POST", "/revoke", SweepCaller.Anonymous, SweepBody.Form, [new("token", "aat_unknownaccesstoken", Secret: true)]),
        new("introspect", "POST", "/introspect", SweepCaller.Client, SweepBody.Form, [new("token", "aat_unknownaccesstoken", Secret: true)]),
        new("me", "GET", "/users/me", SweepCaller.User, SweepBody.None, []),
        new("legacy-me", "GET", "/accounts/me", SweepCaller.User, SweepBody.None, []),
        new("my-sessions", "GET", "/users/me/sessions", SweepCaller.User, SweepBody.None, []),
        new("revoke-my-sessions", "POST", "/users/me/sessions/revoke", SweepCaller.User, SweepBody.None, []),
        new("change-password", "POST", "/users/me/password", SweepCaller.User, SweepBody.Json,
            [new("currentPassword", "@password", Secret: true), new("newPassword", "@password", Secret: true)]),
        new("admin-list-users", "GET", "/admin/users", SweepCaller.Admin, SweepBody.Query,
            [new("search", "ada"), new("sort", "email"), new("order", "asc"), Page, PageSize]),
        new("admin-audit", "GET", "/admin/audit", SweepCaller.Admin, SweepBody.Query,
            [new("subject", "someone"), new("actor", "someone"), new("type", "login"), new("outcome", "success"),
             new("from", "2026-01-01T00:00:00Z", SweepFieldKind.Date), new("to", "2026-12-31T00:00:00Z", SweepFieldKind.Date), Page, PageSize]),
        new("admin-create-user", "POST", "/admin/users", SweepCaller.Admin, SweepBody.Json,
            [Email, Password, new("displayName", "Ada"), new("roles", "user", SweepFieldKind.TextList)]),
        new("admin-get-user", "GET", "/admin/users/{victim}", SweepCaller.Admin, SweepBody.None, []),
        new("admin-update-user", "PATCH", "/admin/users/{victim}", SweepCaller.Admin, SweepBody.Json,
            [Email, new("displayName", "Ada"), new("roles", "user", SweepFieldKind.TextList)]),
        new("admin-disable-user", "POST", "/admin/users/{victim}/disable", SweepCaller.Admin, SweepBody.None, []),
        new("admin-enable-user", "POST", "/admin/users/{victim}/enable", SweepCaller.Admin, SweepBody.None, []),
        new("admin-delete-user", "DELETE", "/admin/users/{victim}", SweepCaller.Admin, SweepBody.None, []),
        new("admin-set-password", "PUT", "/admin/users/{victim}/password", SweepCaller.Admin, SweepBody.Json, [Password]),
        new("admin-list-sessions", "GET", "/admin/users/{victim}/sessions", SweepCaller.Admin, SweepBody.None, []),
        new("admin-revoke-session", "DELETE", "/admin/users/{victim}/sessions/{session}", SweepCaller.Admin, SweepBody.None, []),
        new("admin-revoke-sessions", "DELETE", "/admin/users/{victim}/sessions", SweepCaller.Admin, SweepBody.None, []),
        // The valid create names the built-in client (409) and the valid edit an unknown one (404): the sweep changes no client.
        new("admin-create-client", "POST", "/admin/clients", SweepCaller.Admin, SweepBody.Json,
            [new("clientId", "kubectl"), new("type", "public"), new("grants", "authorization_code", SweepFieldKind.TextList),
             new("redirectUris", "https://app.example/cb", SweepFieldKind.TextList), new("displayName", "App")]),
        new("admin-update-client", "PATCH", "/admin/clients/sweep-nobody", SweepCaller.Admin, SweepBody.Json,
            [new("displayName", "App"), new("grants", "authorization_code", SweepFieldKind.TextList),
             new("redirectUris", "https://app.example/cb", SweepFieldKind.TextList)]),
    ];
}
