using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Runtime;

/// <summary>
/// Adds the admin site's sign-in to the startup summary: where, as whom, and where the generated password is
/// kept (the password itself is never printed; the "secrets" line names its owner-only file).
/// </summary>
internal sealed class AdminLoginSummary(ResourceNotificationService notifications, IResourceBuilder<ParameterResource> adminEmail) : ISummaryLineProvider
{
    public IEnumerable<SummaryLine> GetSummaryLines()
    {
        var web = notifications.Current.GetValueOrDefault("web")?.Urls.FirstOrDefault(u => u.Name is "http" or "https");
        if (web is null || !adminEmail.Resource.HasValue) yield break;
        yield return new SummaryLine(11, "admin login",
            $"{web.Url.TrimEnd('/')}/login as {adminEmail.Resource.Value}; password: parameter admin-password (see 'secrets' below)");
    }
}
