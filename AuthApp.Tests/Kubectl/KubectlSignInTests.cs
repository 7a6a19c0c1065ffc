using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using AuthApp.Tests.AdminSite;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Kubectl;

/// <summary>
/// The real kubectl, a kubeconfig whose user runs our plugin, AuthApp's issuer (on Kestrel, real PostgreSQL and
/// Redis) and a stand-in HTTPS API server that validates the id_token against the issuer's JWKS. The person at the
/// browser is headless Chromium following the URL the plugin prints.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(nameof(OpenIdConnect.SigningKeyCollection))]
public sealed partial class KubectlSignInTests(TestServices services, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Group = "cluster-viewers";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly string _home = Directory.CreateTempSubdirectory("authapp-kubectl-home-").FullName;
    private ApiFactory _api = null!;
    private string _issuer = null!;
    private TestKubernetesApi _cluster = null!;

    private static string PluginDll => Path.Combine(AppContext.BaseDirectory, "AuthApp.Kubectl.dll");

    private string CacheDirectory => Path.Combine(_home, ".kube", "cache", "authapp");

    public async ValueTask InitializeAsync()
    {
        // One minute, the shortest the issuer allows, so the refresh test does not wait long for an expired id_token.
        _api = services.CreateApi(settings => settings["Oidc:IdentityTokenLifetime"] = "00:01:00");
        _api.UseKestrel(0);
        _api.StartServer();
        using var client = _api.CreateClient();
        _issuer = client.BaseAddress!.ToString();
        _cluster = await TestKubernetesApi.StartAsync(_issuer, "kubectl");
    }

    [Fact]
    public async Task DeviceSignInReachesTheClusterThenTheCacheThenASilentRefresh()
    {
        var (email, password) = await VerifiedUserAsync();
        var kubeconfig = Kubeconfig.Write(_home, _cluster, PluginDll, ["--issuer-url", _issuer, "--device"]);

        // 1. No tokens yet: the plugin prints the verification URL; the browser signs in and allows the device.
        using (var first = KubectlRun.Start(_home, kubeconfig, "get", "--raw", "/api/v1/namespaces/default/pods"))
        {
            var prompt = await first.WaitForErrorLineAsync(line => line.Contains("/connect/verify", StringComparison.Ordinal), Patience);
            await ApproveDeviceAsync(UrlIn(prompt), email, password);
            var (exitCode, output, error) = await first.WaitForExitAsync(Patience);
            Assert.True(exitCode == 0, error);
            Assert.Contains("\"PodList\"", output, StringComparison.Ordinal);
        }

        var signedIn = _cluster.Callers.DistinctBy(c => c.Token).Single();
        Assert.Equal(email, signedIn.UserName);
        Assert.Contains(Group, signedIn.Groups);
        AssertOwnerOnlyCache();

        // 2. The cached id_token is still valid: no prompt, the same token reaches the server.
        var (cachedExit, _, cachedError) = await RunAsync(kubeconfig);
        Assert.True(cachedExit == 0, cachedError);
        Assert.DoesNotContain("sign in", cachedError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(signedIn.Token, _cluster.Callers.Last().Token);

        // 3. Once it has expired, the refresh token renews it silently.
        var wait = signedIn.Expires - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, TestContext.Current.CancellationToken);
        var (refreshedExit, _, refreshedError) = await RunAsync(kubeconfig);
        Assert.True(refreshedExit == 0, refreshedError);
        Assert.DoesNotContain("sign in", refreshedError, StringComparison.OrdinalIgnoreCase);
        var refreshed = _cluster.Callers.Last();
        Assert.NotEqual(signedIn.Token, refreshed.Token);
        Assert.True(refreshed.Expires > signedIn.Expires);
        Assert.Equal(email, refreshed.UserName);
        Assert.Empty(_cluster.Refusals);
        AssertOwnerOnlyCache();
    }

    [Fact]
    public async Task LoopbackSignInWithPkceReachesTheCluster()
    {
        var (email, password) = await VerifiedUserAsync();
        var kubeconfig = Kubeconfig.Write(_home, _cluster, PluginDll, ["--issuer-url", _issuer, "--no-browser"]);

        using var run = KubectlRun.Start(_home, kubeconfig, "get", "--raw", "/api/v1/namespaces/default/pods");
        var prompt = await run.WaitForErrorLineAsync(line => line.Contains("/connect/authorize", StringComparison.Ordinal), Patience);
        var url = UrlIn(prompt);
        Assert.Contains("code_challenge_method=S256", url, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A", url, StringComparison.Ordinal);
        var page = await SignInAsync(url, email, password);
        await Assertions.Expect(page.GetByText("Signed in. You can close this window")).ToBeVisibleAsync();
        var (exitCode, output, error) = await run.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"PodList\"", output, StringComparison.Ordinal);
        // kubectl may call more than once (it retries); every call carries the one id_token of this sign-in.
        var caller = _cluster.Callers.DistinctBy(c => c.Token).Single();
        Assert.Equal(email, caller.UserName);
        Assert.Contains(Group, caller.Groups);
        AssertOwnerOnlyCache();
    }

    [Fact]
    public async Task AnUnverifiedEmailGetsNoCredentialAndKubectlFails()
    {
        var (email, password) = await VerifiedUserAsync(verified: false);
        var kubeconfig = Kubeconfig.Write(_home, _cluster, PluginDll, ["--issuer-url", _issuer, "--device"]);

        using var run = KubectlRun.Start(_home, kubeconfig, "get", "--raw", "/api/v1/namespaces/default/pods");
        var prompt = await run.WaitForErrorLineAsync(line => line.Contains("/connect/verify", StringComparison.Ordinal), Patience);
        await ApproveDeviceAsync(UrlIn(prompt), email, password, expectConnected: false);

        // kubectl runs a failed plugin again (a second prompt follows), so the test stops at the first refusal.
        var refusal = await run.WaitForErrorLineAsync(line => line.StartsWith("authapp-kubectl:", StringComparison.Ordinal), Patience);
        Assert.Contains("access_denied", refusal, StringComparison.Ordinal);
        Assert.Empty(_cluster.Callers);
        Assert.False(Directory.Exists(CacheDirectory) && Directory.EnumerateFiles(CacheDirectory).Any());
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _api.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string kubeconfig)
    {
        using var run = KubectlRun.Start(_home, kubeconfig, "get", "--raw", "/api/v1/namespaces/default/pods");
        return await run.WaitForExitAsync(Patience);
    }

    private void AssertOwnerOnlyCache()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDirectory));
        var file = Assert.Single(Directory.GetFiles(CacheDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    private async Task<(string Email, string Password)> VerifiedUserAsync(bool verified = true)
    {
        using var client = _api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        await using var db = services.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
        user.EmailVerified = verified;
        user.Roles = [Group];
        await db.SaveChangesAsync(Cancel);
        return (email, password);
    }

    private async Task<IPage> SignInAsync(string url, string email, string password)
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private async Task ApproveDeviceAsync(string url, string email, string password, bool expectConnected = true)
    {
        var page = await SignInAsync(url, email, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        if (expectConnected)
        {
            await Assertions.Expect(page.GetByText("You can close this window")).ToBeVisibleAsync();
        }

        await page.ShootAsync($"{nameof(KubectlSignInTests)}.{TestContext.Current.TestMethod?.MethodName}");
        await page.Context.DisposeAsync();
    }

    private static string UrlIn(string line) => UrlPattern().Match(line) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException($"No URL in '{line}'.");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();
}
