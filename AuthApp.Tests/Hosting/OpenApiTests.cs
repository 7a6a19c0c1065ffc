using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

public sealed class OpenApiTests(TestServices services)
{
    [Fact]
    public async Task OpenApiDocumentDescribesEveryEndpoint()
    {
        using var client = services.Api.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        foreach (var path in new[] { "/users", "/users/me", "/token", "/revoke", "/introspect", "/accounts", "/accounts/token", "/accounts/me" })
        {
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} is missing from the document");
        }

        var token = paths.GetProperty("/token").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(token.TryGetProperty("application/x-www-form-urlencoded", out _));
    }

    [Fact]
    public async Task ReferencePageIsServedOnlyInDevelopment()
    {
        using var testing = services.Api.CreateClient();
        using (var hidden = await testing.GetAsync("/scalar/v1", Cancel)) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        await using var development = services.CreateApi(environment: "Development");
        using var client = development.CreateClient();
        using var page = await client.GetAsync("/scalar/v1", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
