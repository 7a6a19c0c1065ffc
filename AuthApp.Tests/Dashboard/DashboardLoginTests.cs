using System.Net;
using AuthApp.Dashboard.Authentication;

namespace AuthApp.Tests.Dashboard;

public sealed class DashboardLoginTests : IAsyncLifetime
{
    private DashboardHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await DashboardHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task TheRightTokenSetsAThreeDayHttpOnlyStrictCookieAndRedirectsHome()
    {
        using var client = NoRedirects();

        using var response = await client.GetAsync(Url($"/login?t={_host.Secrets.BrowserToken}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response.Headers.Location));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserTokenAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Trim()[8..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(3).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3).AddMinutes(5));
    }

    [Fact]
    public async Task TheCookieFromSignInOpensThePages()
    {
        using var client = NoRedirects();
        using var signIn = await client.GetAsync(Url($"/login?t={_host.Secrets.BrowserToken}"), TestContext.Current.CancellationToken);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(BrowserTokenAuthentication.CookieName, StringComparison.Ordinal)).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/structuredlogs"));
        request.Headers.Add("Cookie", cookie);
        using var page = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Structured logs", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenReturnsToLoginWithoutTheParameterAndSetsNoCookie()
    {
        using var client = NoRedirects();

        using var response = await client.GetAsync(Url("/login?t=00000000000000000000000000000000"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", PathOf(response.Headers.Location));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(BrowserTokenAuthentication.CookieName, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/consolelogs/resource/api")]
    [InlineData("/structuredlogs")]
    [InlineData("/traces")]
    [InlineData("/metrics/resource/api")]
    public async Task WithoutTheCookieAPageRedirectsToLogin(string path)
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        request.Headers.Add("Accept", "text/html");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", PathOf(response.Headers.Location));
    }

    [Fact]
    public async Task WithoutTheCookieTheLiveConnectionIsRefused()
    {
        using var client = NoRedirects();

        using var response = await client.PostAsync(Url("/_blazor/negotiate?negotiateVersion=1"), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Path and query of a redirect, which may come absolute or relative.</summary>
    private static string? PathOf(Uri? location) => location is { IsAbsoluteUri: true } ? location.PathAndQuery : location?.OriginalString;

    private Uri Url(string path) => new(_host.FrontendUrl, path);

    private static HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
}
