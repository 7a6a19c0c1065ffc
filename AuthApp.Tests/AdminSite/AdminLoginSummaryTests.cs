using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Testing;
using AuthApp.Tests.AppHost;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Tests.AdminSite;

/// <summary>The AppHost's startup summary says how to sign in to the admin site.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class AdminLoginSummaryTests(AppHostFixture system)
{
    [Fact]
    public void StartupSummaryTellsWhereToSignInAndWhereThePasswordIsWithoutPrintingIt()
    {
        var (adminEmail, adminPassword) = system.App.BootstrapAdmin();
        var web = system.App.GetEndpoint("web");

        var lines = system.App.Services.GetServices<ISummaryLineProvider>().SelectMany(p => p.GetSummaryLines()).ToList();

        var login = Assert.Single(lines, l => l.Label == "admin login");
        Assert.Contains($"{web.ToString().TrimEnd('/')}/login as {adminEmail}", login.Text, StringComparison.Ordinal);
        Assert.Contains("admin-password", Assert.Single(lines, l => l.Label == "secrets").Text, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Text.Contains(adminPassword, StringComparison.Ordinal));
    }
}
