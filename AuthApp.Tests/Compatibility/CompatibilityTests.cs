using System.Net;
using System.Net.Http.Json;
using System.Text;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Compatibility;

/// <summary>The FastAPI service's paths, request formats and success shapes.</summary>
public sealed class CompatibilityTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task LegacyRegisterAnswersTheFastApiUserShape()
    {
        var email = FreshEmail();

        using var response = await _client.PostAsJsonAsync("/accounts/", new { email, password = FreshPassword() }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        Assert.Equal(3, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task LegacyDuplicateRegistrationIsAConflictNotAServerError()
    {
        var email = FreshEmail();
        using var first = await _client.PostAsJsonAsync("/accounts/", new { email, password = FreshPassword() }, Cancel);

        using var second = await _client.PostAsJsonAsync("/accounts/", new { email, password = FreshPassword() }, Cancel);

        await second.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task LegacyFormLoginWorksWithoutGrantTypeLikeFastApi()
    {
        var (email, password, _) = await _client.RegisterAsync();
        using var content = new StringContent($"username={Uri.EscapeDataString(email)}&password={Uri.EscapeDataString(password)}", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.PostAsync("/accounts/token", content, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.StartsWith("aat_", body.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyFormLoginAcceptsTheFastApiOptionalFields()
    {
        var (email, password, _) = await _client.RegisterAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = password, ["scope"] = "", ["client_id"] = "", ["client_secret"] = "",
        });

        using var response = await _client.PostAsync("/accounts/token", content, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LegacyLoginWithAWrongPasswordIsAnOAuthError()
    {
        var (email, _, _) = await _client.RegisterAsync();

        using var response = await _client.PostTokenAsync(email, "wrong password entirely", "/accounts/token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task LegacyMeAnswersTheFastApiUserShape()
    {
        var (token, email, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.GetMeAsync(token, "/accounts/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task LegacyMeWithAnUnknownTokenIsUnauthorizedNotAServerError()
    {
        using var response = await _client.GetMeAsync("aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/accounts/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
    }

    [Fact]
    public async Task LegacyTokenWorksOnTheNewEndpointsAndBack()
    {
        var (email, password, _) = await _client.RegisterAsync();
        using var legacy = await _client.PostTokenAsync(email, password, "/accounts/token");
        var token = (await legacy.ReadJsonAsync()).GetProperty("access_token").GetString();

        using var me = await _client.GetMeAsync(token);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
