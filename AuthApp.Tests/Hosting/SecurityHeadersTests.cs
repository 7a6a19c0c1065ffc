using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>S20: every answer carries the security headers; HSTS only over HTTPS outside Development.</summary>
public sealed class SecurityHeadersTests(TestServices services)
{
    [Theory] // S20
    [InlineData("/alive", HttpStatusCode.OK)]
    [InlineData("/users/me", HttpStatusCode.Unauthorized)]
    [InlineData("/no/such/path", HttpStatusCode.NotFound)]
    public async Task EveryAnswerForbidsSniffingFramingAndReferrers(string path, HttpStatusCode status)
    {
        using var client = services.Api.CreateClient();

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact] // S20
    public async Task HstsIsSentOverHttpsOutsideDevelopment()
    {
        using var client = services.Api.CreateClient(new() { BaseAddress = new Uri("https://auth.example.test") });

        using var response = await client.GetAsync("/alive", Cancel);

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact] // S20
    public async Task HstsIsNotSentOverPlainHttp()
    {
        using var client = services.Api.CreateClient(new() { BaseAddress = new Uri("http://auth.example.test") });

        using var response = await client.GetAsync("/alive", Cancel);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact] // S20
    public async Task HstsIsNotSentInDevelopment()
    {
        await using var api = services.CreateApi(environment: "Development");
        using var client = api.CreateClient(new() { BaseAddress = new Uri("https://auth.example.test") });

        using var response = await client.GetAsync("/alive", Cancel);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
