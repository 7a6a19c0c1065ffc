using AuthApp.Hosting.Orchestration;

namespace AuthApp.Dashboard.Hosting;

/// <summary>The dashboard's line in the AppHost's "AuthApp is up" summary: the ready-to-click sign-in link.</summary>
internal sealed class DashboardSummaryLines(DashboardEndpoints endpoints, DashboardSecrets secrets) : ISummaryLineProvider
{
    public IEnumerable<SummaryLine> GetSummaryLines() => [new SummaryLine(5, "dashboard", endpoints.LoginUrl(secrets.BrowserToken))];
}
