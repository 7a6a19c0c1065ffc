using System.Net;
using System.Net.Http.Headers;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>
/// Decision 0109: the authentication middleware runs for requests with an Authorization header, once, and not for
/// requests without one. The bearer handler logs each authentication at Debug, which is what these tests count.
/// </summary>
public sealed class CredentialedAuthenticationTests(TestServices services)
{
    [Fact]
    public async Task ARequestWithoutAnAuthorizationHeaderIsNotAuthenticated()
    {
        await using var api = DebugLoggingApi();
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/revoke", UnknownTokenForm(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Authentications(api));
    }

    [Fact]
    public async Task ARequestWithAnAuthorizationHeaderIsAuthenticatedOnce()
    {
        await using var api = DebugLoggingApi();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/revoke") { Content = UnknownTokenForm() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "bm90OmEtY2xpZW50");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Authentications(api));
    }

    [Fact]
    public async Task AProtectedEndpointStillChallengesARequestWithoutCredentials()
    {
        await using var api = DebugLoggingApi();
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/users/me", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"AuthApp\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private ApiFactory DebugLoggingApi() =>
        services.CreateApi(settings => settings[$"Logging:LogLevel:{typeof(BearerTokenHandler).FullName}"] = "Debug");

    private static FormUrlEncodedContent UnknownTokenForm() =>
        new(new Dictionary<string, string> { ["token"] = "aat_" + new string('A', 43) });

    private static int Authentications(ApiFactory api) =>
        api.Logs.Lines.Count(line => line.Category == typeof(BearerTokenHandler).FullName && line.Message.Contains("was not authenticated", StringComparison.Ordinal));
}
