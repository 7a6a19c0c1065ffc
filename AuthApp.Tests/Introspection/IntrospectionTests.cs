using System.Net;
using System.Net.Http.Headers;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Introspection;

/// <summary>RFC 7662 and S10: only registered API clients may introspect.</summary>
public sealed class IntrospectionTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task ActiveTokenIsDescribed()
    {
        var (token, email, _) = await _client.RegisterAndLoginAsync();
        using var me = await _client.GetMeAsync(token);
        var userId = (await me.ReadJsonAsync()).GetProperty("id").GetString();

        using var response = await _client.IntrospectAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(userId, body.GetProperty("sub").GetString());
        Assert.Equal(email, body.GetProperty("username").GetString());
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        var issued = body.GetProperty("iat").GetInt64();
        Assert.Equal(15 * 60, body.GetProperty("exp").GetInt64() - issued);
        Assert.InRange(issued, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a token")]
    public async Task UnknownTokenIsOnlyInactive(string token)
    {
        using var response = await _client.IntrospectAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"active\":false}", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task RevokedTokenIsInactive()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var revoke = await _client.PostAsync("/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Cancel);

        using var response = await _client.IntrospectAsync(token);

        Assert.False((await response.ReadJsonAsync()).GetProperty("active").GetBoolean());
    }

    [Fact] // S10
    public async Task CallWithoutClientCredentialsIsUnauthorized()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };

        using var response = await _client.SendAsync(request, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain("active", problem.GetRawText(), StringComparison.Ordinal);
    }

    public static TheoryData<string> BadCredentials() => new()
    {
        { "Basic " + Convert.ToBase64String("orders-api:wrong-secret-0123456789"u8.ToArray()) },
        { "Basic " + Convert.ToBase64String("unknown-api:orders-api-secret-for-tests"u8.ToArray()) },
        { "Basic " + Convert.ToBase64String("orders-api"u8.ToArray()) },
        { "Basic !!!not-base64!!!" },
        { "Bearer aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    };

    [Theory] // S10
    [MemberData(nameof(BadCredentials))]
    public async Task WrongOrMalformedClientCredentialsAreUnauthorized(string authorization)
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _client.SendAsync(request, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact] // S10
    public async Task UnauthenticatedCallIsRefusedBeforeTheBodyIsLookedAt()
    {
        using var content = new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/introspect", content, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MissingTokenParameterIsABadRequestProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token_type_hint"] = "access_token" }),
        };
        request.Headers.Authorization = BasicAuth(TestServices.IntrospectionClientId, TestServices.IntrospectionClientSecret);

        using var response = await _client.SendAsync(request, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task JsonBodyFromAnAuthenticatedClientIsAnUnsupportedMediaTypeProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = BasicAuth(TestServices.IntrospectionClientId, TestServices.IntrospectionClientSecret);

        using var response = await _client.SendAsync(request, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact] // S9
    public async Task IntrospectionAnswersAreNotCached()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.IntrospectAsync(token, new AuthenticationHeaderValue("Basic", Convert.ToBase64String("orders-api:orders-api-secret-for-tests"u8.ToArray())));

        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
