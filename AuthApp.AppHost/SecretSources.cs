using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace AuthApp.AppHost;

/// <summary>Where each secret parameter's value comes from, so the summary can point at it truthfully (never the value).</summary>
internal static class SecretSources
{
    public const string UserSecrets = "the AppHost's user secrets (dotnet user-secrets list --project AuthApp.AppHost)";

    /// <summary>Parameter names grouped by where their value lives, in the order the parameters were added.</summary>
    public static IEnumerable<(string Source, IReadOnlyList<string> Names)> Of(IConfiguration configuration, IEnumerable<string> secretNames) =>
        secretNames.GroupBy(name => SourceOf(configuration, name)).Select(group => (group.Key, (IReadOnlyList<string>)[.. group]));

    /// <summary>The provider that wins for <c>Parameters:&lt;name&gt;</c> (the last one holding it), in words.</summary>
    public static string SourceOf(IConfiguration configuration, string name)
    {
        var key = $"Parameters:{name}";
        var provider = (configuration as IConfigurationRoot)?.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));
        return provider switch
        {
            // Aspire generates a missing value on first use and persists it to user secrets.
            null => UserSecrets + ", generated on the first run",
            JsonConfigurationProvider json when json.Source.Path?.EndsWith("secrets.json", StringComparison.Ordinal) == true => UserSecrets,
            JsonConfigurationProvider json => $"the file {json.Source.Path}",
            CommandLineConfigurationProvider => "the command line (--Parameters:<name>=…), nowhere on disk",
            EnvironmentVariablesConfigurationProvider => "the environment (Parameters__<name>), nowhere on disk",
            _ => $"the setting {key}",
        };
    }
}
