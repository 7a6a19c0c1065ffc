using System.Net;
using System.Net.Http.Headers;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Users;

public sealed class CurrentUserTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task MeReturnsTheUserTheTokenBelongsTo()
    {
        var (token, email, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.GetMeAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(0, body.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task MissingTokenIsUnauthorizedWithABearerChallenge()
    {
        using var response = await _client.GetMeAsync(null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer aat_tooShort")]
    [InlineData("Bearer aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ' OR 1=1 --")]
    public async Task MalformedOrUnknownTokensAreUnauthorized(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await _client.SendAsync(request, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PresentedButUnknownTokenGetsTheInvalidTokenError()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var response = await _client.GetMeAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact] // S9
    public async Task TokenInTheQueryStringIsNotAccepted()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.GetAsync($"/users/me?access_token={token}", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BearerSchemeIsCaseInsensitive()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);

        using var response = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
