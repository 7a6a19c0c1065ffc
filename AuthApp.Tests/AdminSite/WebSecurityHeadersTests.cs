using System.Net;
using AuthApp.Tests.AppHost;

namespace AuthApp.Tests.AdminSite;

/// <summary>S20 on the admin site: its pages and Blazor's own script carry the security headers of the service defaults.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class WebSecurityHeadersTests(AppHostFixture system)
{
    [Theory] // S20
    [InlineData("/login", "text/html")]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    public async Task SitePagesAndScriptsForbidSniffingFramingAndReferrers(string path, string mediaType)
    {
        using var web = system.App.CreateHttpClient("web");

        using var response = await web.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        // Only framing is restricted: a script-src policy would stop Blazor's own scripts.
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
