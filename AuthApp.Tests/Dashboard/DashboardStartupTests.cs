using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthApp.Tests.Dashboard;

public sealed class DashboardStartupTests
{
    [Fact]
    public async Task TheBrowserTokenIsLoggedOnlyAsTheSignInLinkEvenWhenSomeoneSignsIn()
    {
        var logs = new LogCollector();
        await using var host = await DashboardHost.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var signIn = await client.GetAsync(new Uri(host.Endpoints.LoginUrl(host.Secrets.BrowserToken)), TestContext.Current.CancellationToken);
        using var wrong = await client.GetAsync(new Uri(host.FrontendUrl, "/login?t=0123456789abcdef0123456789abcdef"), TestContext.Current.CancellationToken);

        var mentions = logs.Lines.Select(l => l.Message).Where(m => m.Contains(host.Secrets.BrowserToken, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Login to the dashboard at {host.Endpoints.LoginUrl(host.Secrets.BrowserToken)}"], mentions);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("0123456789abcdef", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(host.Secrets.OtlpApiKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Dashboard:Port=70000", "Dashboard:Port")]
    [InlineData("--Dashboard:OtlpProtocol=json", "Dashboard:OtlpProtocol")]
    [InlineData("--Dashboard:Telemetry:MaxLogsPerResource=0", "Dashboard:Telemetry:MaxLogsPerResource")]
    public async Task AnInvalidSettingStopsStartupNamingTheKey(string argument, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DashboardHost.StartAsync(extraArgs: argument));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameFixedPortForTwoListenersStopsStartup()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => DashboardHost.StartAsync(extraArgs: ["--Dashboard:Port=18777", "--Dashboard:OtlpGrpcPort=18777"]));

        Assert.Contains("must differ", error.Message, StringComparison.Ordinal);
    }
}
