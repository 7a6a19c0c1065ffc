using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>Discovery, the id_token's claims and signature, userinfo and the refresh grant, through the kubectl client.</summary>
public sealed class TokenTests(LiveIssuer issuer) : IClassFixture<LiveIssuer>
{
    [Fact]
    public async Task DiscoveryNamesOneIssuerTheConnectEndpointsAndOnlyS256()
    {
        var discovery = await issuer.DiscoveryAsync();

        Assert.Equal(issuer.Address.ToString(), discovery.GetProperty("issuer").GetString());
        foreach (var (field, path) in new[]
        {
            ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"),
            ("device_authorization_endpoint", "connect/device"), ("userinfo_endpoint", "connect/userinfo"),
            ("end_session_endpoint", "connect/endsession"), ("jwks_uri", ".well-known/jwks"),
        })
        {
            Assert.Equal(new Uri(issuer.Address, path).ToString(), discovery.GetProperty(field).GetString());
        }

        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Contains("RS256", Strings(discovery, "id_token_signing_alg_values_supported"));
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code", Strings(discovery, "grant_types_supported"));
        Assert.DoesNotContain("password", Strings(discovery, "grant_types_supported"));
    }

    [Fact]
    public async Task TheIdTokenValidatesAgainstTheJwksAndCarriesTheAccountsClaims()
    {
        var (id, email, password) = await issuer.CreateUserAsync(true, "user", "ops");
        using var flow = new CodeFlow(issuer.Address);

        var tokens = await flow.LoginAsync(email, password);

        var idToken = tokens.GetProperty("id_token").GetString()!;
        var result = await IssuerKeys.ValidateAsync(issuer.Address, idToken, CodeFlow.KubectlClient);
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = IssuerKeys.Read(idToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(id.ToString(), jwt.Subject);
        Assert.Equal(email, jwt.GetClaim("email").Value);
        Assert.Equal("true", jwt.GetClaim("email_verified").Value);
        Assert.Equal(email, jwt.GetClaim("name").Value);
        Assert.Equal(["ops", "user"], jwt.Claims.Where(c => c.Type == "groups").Select(c => c.Value).Order());
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task UserinfoAnswersTheSameClaimsForTheAccessToken()
    {
        var (id, email, password) = await issuer.CreateUserAsync(true, "user");

        var (_, info) = await SignInAndReadUserinfoAsync(email, password);

        Assert.Equal(id.ToString(), info.GetProperty("sub").GetString());
        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.True(info.GetProperty("email_verified").GetBoolean());
        Assert.Equal(["user"], Strings(info, "groups"));
    }

    [Fact]
    public async Task GroupsIsAJsonArrayInTheIdTokenAndUserinfoEvenForOneRole()
    {
        var (_, email, password) = await issuer.CreateUserAsync(true, "ops");

        var (tokens, info) = await SignInAndReadUserinfoAsync(email, password);

        // Read as sent: a JWT library would turn a lone string into a one-element list and hide the difference.
        var payload = IssuerKeys.Read(tokens.GetProperty("id_token").GetString()!).EncodedPayload;
        var claims = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(payload)).RootElement;
        Assert.Equal(JsonValueKind.Array, claims.GetProperty("groups").ValueKind);
        Assert.Equal(["ops"], Strings(claims, "groups"));
        Assert.Equal(JsonValueKind.Array, info.GetProperty("groups").ValueKind);
        Assert.Equal(["ops"], Strings(info, "groups"));
    }

    [Fact]
    public async Task TheOpaqueTokenEndpointIsUntouchedAndRefusesTheIssuersAccessToken()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var tokens = await flow.LoginAsync(email, password);
        using var client = issuer.CreateClient();

        var opaque = await client.LoginAsync(email, password);

        Assert.StartsWith("aat_", opaque, StringComparison.Ordinal);
        using var me = await client.GetMeAsync(tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task ARefreshTokenGivesNewTokensAndIsRotated()
    {
        var (id, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var tokens = await flow.LoginAsync(email, password);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var (status, refreshed) = await flow.TokenAsync(Refresh(refreshToken));

        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = refreshed.GetProperty("id_token").GetString()!;
        Assert.True((await IssuerKeys.ValidateAsync(issuer.Address, idToken, CodeFlow.KubectlClient)).IsValid);
        Assert.Equal(id.ToString(), IssuerKeys.Read(idToken).Subject);
        Assert.NotEqual(refreshToken, refreshed.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task ARefreshForADisabledAccountIsRefusedWithInvalidGrant()
    {
        var (id, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var tokens = await flow.LoginAsync(email, password);
        await using (var db = issuer.Services.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), Cancel);
        }

        var (status, body) = await flow.TokenAsync(Refresh(tokens.GetProperty("refresh_token").GetString()!));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task EndSessionSignsTheBrowserOutOfTheIssuer()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        await flow.LoginAsync(email, password);

        var redirect = await flow.EndSessionAsync();

        Assert.NotNull(redirect);
        Assert.Equal("/connect/signedout", redirect!.IsAbsoluteUri ? redirect.AbsolutePath : redirect.OriginalString);
        // Signed out: the next authorization asks for the password again, and a wrong one gets no code.
        var outcome = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password + "-wrong");
        Assert.Null(outcome.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
    }

    private static Dictionary<string, string> Refresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = CodeFlow.KubectlClient,
        ["refresh_token"] = refreshToken,
    };

    private static List<string> Strings(JsonElement json, string property) =>
        [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Signs in through the code flow and asks userinfo with the access token it gave.</summary>
    private async Task<(JsonElement Tokens, JsonElement Info)> SignInAndReadUserinfoAsync(string email, string password)
    {
        using var flow = new CodeFlow(issuer.Address);
        var tokens = await flow.LoginAsync(email, password);
        using var client = issuer.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (tokens, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
    }
}
