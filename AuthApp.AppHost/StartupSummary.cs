using AuthApp.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthApp.AppHost;

/// <summary>
/// Once the admin site is healthy, one short log entry says where everything is: the API, its reference, the admin
/// site, who signs in there and where each secret parameter lives (never a value). Aspire prints the
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
        var secrets = SecretSources.Of(builder.Configuration, SecretParameterNames(builder)).ToList();
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, async (@event, ct) =>
        {
            var lines = Lines(api.GetEndpoint("http").Url, ApiReferenceUrl.IsServed(builder), web.GetEndpoint("http").Url, await adminEmail.Resource.GetValueAsync(ct), secrets, state);
            LogSummary(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.AppHost"), string.Join(Environment.NewLine, lines));
        });
    }

    internal static IEnumerable<string> Lines(string apiUrl, bool apiReference, string webUrl, string? adminEmail, IReadOnlyList<(string Source, IReadOnlyList<string> Names)> secrets, StateDirectory? state)
    {
        yield return "AuthApp is up: every resource is healthy.";
        yield return apiReference ? $"  api          {apiUrl}   API reference: {apiUrl}/scalar/v1" : $"  api          {apiUrl}";
        yield return $"  web          {webUrl}";
        yield return $"  admin login  {webUrl}/login as {adminEmail}; password: parameter admin-password (see secrets)";
        var label = "  secrets      ";
        foreach (var (source, names) in secrets)
        {
            yield return $"{label}{string.Join(", ", names)}: in {source}";
            label = "               ";
        }

        if (state is null) yield break;
        yield return $"  state        {state.Path} (delete it to reset all local data)";
        if (state.MovedFrom is not null)
        {
            yield return $"               not {state.MovedFrom}: the postgres user cannot enter a parent folder of it";
        }
    }

    /// <summary>The model's secret parameters, the servers' generated passwords included (those are not in the resource list).</summary>
    private static IEnumerable<string> SecretParameterNames(IDistributedApplicationBuilder builder)
    {
        var passwords = builder.Resources.Select(resource => resource switch
        {
            LocalPostgresResource postgres => postgres.PasswordParameter,
            LocalRedisResource redis => redis.PasswordParameter,
            PostgresServerResource postgres => postgres.PasswordParameter,
            RedisResource redis => redis.PasswordParameter,
            _ => null,
        });
        return passwords.OfType<ParameterResource>().Concat(builder.Resources.OfType<ParameterResource>())
            .Where(parameter => parameter.Secret).Select(parameter => parameter.Name).Distinct();
    }

    // A fixed id, so the console's "info: AuthApp.AppHost[1]" line the README shows stays the same.
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);
}
