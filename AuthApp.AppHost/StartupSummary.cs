using AuthApp.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthApp.AppHost;

/// <summary>
/// Once the admin site is healthy, one short log entry says where everything is: the API, its reference, the admin
/// site, who signs in there and where the admin password lives (never the password itself). Aspire prints the
/// dashboard's login URL itself.
/// </summary>
internal static partial class StartupSummary
{
    public static void PrintSummaryWhenUp(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ProjectResource> api,
        IResourceBuilder<ProjectResource> web,
        IResourceBuilder<ParameterResource> adminEmail)
    {
        if (!builder.ExecutionContext.IsRunMode) return;
        var state = builder.UsesContainers() ? null : LocalServerSettings.Of(builder).State;
        var passwordSource = AdminPasswordSource(builder.Configuration);
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, async (@event, ct) =>
        {
            var lines = Lines(api.GetEndpoint("http").Url, ApiReferenceUrl.IsServed(builder), web.GetEndpoint("http").Url, await adminEmail.Resource.GetValueAsync(ct), passwordSource, state);
            LogSummary(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.AppHost"), string.Join(Environment.NewLine, lines));
        });
    }

    internal static IEnumerable<string> Lines(string apiUrl, bool apiReference, string webUrl, string? adminEmail, string passwordSource, StateDirectory? state)
    {
        yield return "AuthApp is up: every resource is healthy.";
        yield return apiReference ? $"  api          {apiUrl}   API reference: {apiUrl}/scalar/v1" : $"  api          {apiUrl}";
        yield return $"  web          {webUrl}";
        yield return $"  admin login  {webUrl}/login as {adminEmail}; password: {passwordSource}";
        if (state is null) yield break;
        yield return $"  state        {state.Path} (delete it to reset all local data)";
        if (state.MovedFrom is not null)
        {
            yield return $"               not {state.MovedFrom}: the postgres user cannot enter a parent folder of it";
        }
    }

    /// <summary>Where the admin password comes from: a setting of the user's, or the value Aspire generated into user secrets.</summary>
    internal static string AdminPasswordSource(IConfiguration configuration)
    {
        const string key = "Parameters:admin-password";
        var provider = (configuration as IConfigurationRoot)?.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));
        var fromUserSecrets = provider is null
            || (provider is JsonConfigurationProvider json && json.Source.Path?.EndsWith("secrets.json", StringComparison.Ordinal) == true);
        return fromUserSecrets
            ? "parameter admin-password, generated into the AppHost's user secrets (dotnet user-secrets list --project AuthApp.AppHost)"
            : $"parameter admin-password, as you set it ({key})";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);
}
