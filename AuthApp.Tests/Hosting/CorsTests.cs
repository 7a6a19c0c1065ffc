using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>S20: CORS allows only the configured origins, with credentials.</summary>
public sealed class CorsTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S20
    public async Task ConfiguredOriginMayCallWithCredentials()
    {
        using var response = await PreflightAsync(_client, TestServices.AllowedOrigin);

        Assert.Equal(TestServices.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Fact] // S20
    public async Task OtherOriginGetsNoCorsHeaders()
    {
        using var response = await PreflightAsync(_client, "https://evil.example");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task ActualRequestFromTheConfiguredOriginIsAllowed()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Origin", TestServices.AllowedOrigin);

        using var response = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestServices.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact] // S20
    public async Task NoOriginIsAllowedByDefault()
    {
        await using var api = services.CreateApi(settings => settings["Cors:AllowedOrigins:0"] = null);
        using var client = api.CreateClient();

        using var response = await PreflightAsync(client, TestServices.AllowedOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/users/me");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return await client.SendAsync(request, Cancel);
    }
}
