using AuthApp.LocalServers;
using Microsoft.Extensions.Configuration;

namespace AuthApp.AppHost;

/// <summary>
/// The AppHost's own settings, checked before the app model is built: a bad one ends the start with one
/// "Startup stopped: …" line per problem and exit code 1, never a stack trace or a secret's value.
/// </summary>
internal static class AppHostSettings
{
    /// <summary><c>AppHost:IntrospectionClients:&lt;clientId&gt;</c> = secret, passed to the API as its <c>Auth:IntrospectionClients</c>.</summary>
    public const string IntrospectionClients = "AppHost:IntrospectionClients";

    // The API's own rule (IntrospectionOptionsValidator); checked here too so the AppHost stops before starting anything.
    private const int MinimumSecretLength = 16;

    /// <summary>False, after writing one line per problem to standard error, when a setting cannot be used.</summary>
    public static bool AreValid(IDistributedApplicationBuilder builder)
    {
        var problems = LocalServerSettings.Problems(builder.Configuration, builder.AppHostDirectory).Concat(ClientProblems(builder.Configuration.GetSection(IntrospectionClients))).ToList();
        foreach (var problem in problems) Console.Error.WriteLine($"Startup stopped: {problem}");
        return problems.Count == 0;
    }

    /// <summary>Passes every configured introspection client to the API.</summary>
    public static IResourceBuilder<ProjectResource> WithIntrospectionClients(this IResourceBuilder<ProjectResource> api)
    {
        // Only in a run: a published manifest would otherwise carry the secrets in plain text (S19).
        if (!api.ApplicationBuilder.ExecutionContext.IsRunMode) return api;
        foreach (var client in api.ApplicationBuilder.Configuration.GetSection(IntrospectionClients).GetChildren())
        {
            api.WithEnvironment($"Auth__IntrospectionClients__{client.Key}", client.Value);
        }

        return api;
    }

    private static IEnumerable<string> ClientProblems(IConfigurationSection clients) =>
        clients.GetChildren()
            .Where(client => (client.Value?.Length ?? 0) < MinimumSecretLength)
            .Select(client => $"{client.Path} must be a secret of at least {MinimumSecretLength} characters.");
}
