using System.Net;
using AuthApp.Tests.Admin;
using AuthApp.Tests.OpenIdConnect;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Clients;

/// <summary>Clients made through the admin API are what the issuer trusts, from the next request on.</summary>
public sealed class ClientSignInTests(LiveIssuer issuer) : IClassFixture<LiveIssuer>
{
    [Fact]
    public async Task APublicClientCreatedByAnAdminSignsAUserInThroughTheIssuer()
    {
        using var client = issuer.CreateClient();
        var (_, clientId, redirect) = await NewPublicClientAsync(client);
        var (id, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);

        var (status, tokens) = await SignInAsync(flow, clientId, redirect, email, password);

        Assert.True(status == HttpStatusCode.OK, $"Token endpoint answered {(int)status}: {tokens}");
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var validated = await IssuerKeys.ValidateAsync(issuer.Address, idToken, clientId);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal(id.ToString(), IssuerKeys.Read(idToken).Subject);
        Assert.True(tokens.TryGetProperty("refresh_token", out _), "The refresh grant was allowed but no refresh token came.");
    }

    [Fact]
    public async Task AConfidentialClientRedeemsItsCodeOnlyWithItsCurrentSecret()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId("web");
        var redirect = ClientApi.FreshRedirect();
        var created = await client.CreateClientAsync(admin, new
        {
            clientId, type = "confidential", grants = new[] { "authorization_code", "refresh_token" }, redirectUris = new[] { redirect },
        });
        var secret = created.GetProperty("clientSecret").GetString()!;
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);

        var (verifier, challenge) = CodeFlow.Pkce();
        var code = await flow.CodeAsync(ClientApi.CodeRequest(clientId, redirect, challenge), email, password);
        var (without, refused) = await flow.TokenAsync(ClientApi.Redemption(clientId, redirect, code, verifier));
        // invalid_client is a 401 (RFC 6749 §5.2).
        Assert.Equal(HttpStatusCode.Unauthorized, without);
        Assert.Equal("invalid_client", refused.GetProperty("error").GetString());

        (verifier, challenge) = CodeFlow.Pkce();
        code = await flow.CodeAsync(ClientApi.CodeRequest(clientId, redirect, challenge), email, password);
        var (status, tokens) = await flow.TokenAsync(ClientApi.Redemption(clientId, redirect, code, verifier, secret));
        Assert.True(status == HttpStatusCode.OK, $"Token endpoint answered {(int)status}: {tokens}");

        // After a reset the old secret is refused at once, also for refreshing what it obtained.
        using var reset = await client.SendAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secret", admin);
        var newSecret = (await reset.ReadJsonAsync()).GetProperty("clientSecret").GetString()!;
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        };
        var (old, oldBody) = await flow.TokenAsync(new(refresh) { ["client_secret"] = secret });
        Assert.Equal(HttpStatusCode.Unauthorized, old);
        Assert.Equal("invalid_client", oldBody.GetProperty("error").GetString());
        var (fresh, freshBody) = await flow.TokenAsync(new(refresh) { ["client_secret"] = newSecret });
        Assert.True(fresh == HttpStatusCode.OK, $"Refresh with the new secret answered {(int)fresh}: {freshBody}");
    }

    [Fact]
    public async Task AfterAnEditTheAuthorizationEndpointRefusesTheRemovedRedirectUri()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId();
        var (before, after) = (ClientApi.FreshRedirect(), ClientApi.FreshRedirect());
        await client.CreatePublicClientAsync(admin, clientId, before);
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        await flow.CodeAsync(ClientApi.CodeRequest(clientId, before, CodeFlow.Pkce().Challenge), email, password);

        using var edit = await client.SendAsync(HttpMethod.Patch, $"/admin/clients/{clientId}", admin, new { redirectUris = new[] { after } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        // RFC 6749 §4.1.2.1: an unregistered redirect URI gets the error on the issuer, never a redirect to it.
        var refused = await flow.AuthorizeAsync(ClientApi.CodeRequest(clientId, before, CodeFlow.Pkce().Challenge), email, password);
        Assert.Null(refused.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("invalid_request", refused.Body, StringComparison.Ordinal);
        Assert.Contains("redirect_uri", refused.Body, StringComparison.Ordinal);
        await flow.CodeAsync(ClientApi.CodeRequest(clientId, after, CodeFlow.Pkce().Challenge), email, password);
    }

    [Fact]
    public async Task AfterAnEditRemovesTheRefreshGrantItsRefreshTokensAreRefused()
    {
        using var client = issuer.CreateClient();
        var (admin, clientId, redirect) = await NewPublicClientAsync(client);
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var (_, tokens) = await SignInAsync(flow, clientId, redirect, email, password);

        using var edit = await client.SendAsync(HttpMethod.Patch, $"/admin/clients/{clientId}", admin, new { grants = new[] { "authorization_code" } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var (status, body) = await flow.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AfterADeleteTheIssuerRefusesTheClientAndEverythingItWasGiven()
    {
        using var client = issuer.CreateClient();
        var (admin, clientId, redirect) = await NewPublicClientAsync(client);
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var (_, tokens) = await SignInAsync(flow, clientId, redirect, email, password);
        var (otherVerifier, otherChallenge) = CodeFlow.Pkce();
        var unredeemed = await flow.CodeAsync(ClientApi.CodeRequest(clientId, redirect, otherChallenge), email, password);

        using var delete = await client.SendAsync(HttpMethod.Delete, $"/admin/clients/{clientId}", admin);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var refused = await flow.AuthorizeAsync(ClientApi.CodeRequest(clientId, redirect, CodeFlow.Pkce().Challenge), email, password);
        Assert.Null(refused.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("invalid_request", refused.Body, StringComparison.Ordinal);
        Assert.Contains("The specified 'client_id' is invalid.", refused.Body, StringComparison.Ordinal);
        var (refreshStatus, refreshBody) = await flow.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
        Assert.Equal("invalid_client", refreshBody.GetProperty("error").GetString());
        var (codeStatus, codeBody) = await flow.TokenAsync(ClientApi.Redemption(clientId, redirect, unredeemed, otherVerifier));
        Assert.Equal(HttpStatusCode.Unauthorized, codeStatus);
        Assert.Equal("invalid_client", codeBody.GetProperty("error").GetString());
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        userinfo.Headers.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());
        using var info = await client.SendAsync(userinfo, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, info.StatusCode);
    }

    /// <summary>An admin's token and a new public client (code with PKCE, refresh) with one redirect URI.</summary>
    private async Task<(string Admin, string ClientId, string Redirect)> NewPublicClientAsync(HttpClient client)
    {
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId();
        var redirect = ClientApi.FreshRedirect();
        await client.CreatePublicClientAsync(admin, clientId, redirect);
        return (admin, clientId, redirect);
    }

    /// <summary>A code with a fresh PKCE pair, redeemed at once.</summary>
    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Tokens)> SignInAsync(
        CodeFlow flow, string clientId, string redirect, string email, string password)
    {
        var (verifier, challenge) = CodeFlow.Pkce();
        var code = await flow.CodeAsync(ClientApi.CodeRequest(clientId, redirect, challenge), email, password);
        return await flow.TokenAsync(ClientApi.Redemption(clientId, redirect, code, verifier));
    }
}
