using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace AuthApp.LocalServers;

/// <summary>How PostgreSQL and Redis run locally (<c>AppHost:Servers</c>).</summary>
public enum ServerMode
{
    /// <summary>Containers when a container runtime answers, else the installed servers as executables.</summary>
    Auto,

    /// <summary>The installed servers as executables.</summary>
    Executables,

    /// <summary>The stock Aspire containers.</summary>
    Containers,
}

/// <summary>
/// The <c>AppHost</c> settings of the local servers: <c>Servers</c>, <c>StateDirectory</c> and <c>BinaryPath</c>.
/// Read once per builder; a value that does not parse stops the start with a message naming the key.
/// </summary>
public sealed class LocalServerSettings
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, LocalServerSettings> Cache = new();

    private LocalServerSettings(ServerMode mode, StateDirectory state, ServerBinaries binaries)
    {
        Mode = mode;
        State = state;
        Binaries = binaries;
    }

    /// <summary>The configured mode.</summary>
    public ServerMode Mode { get; }

    /// <summary>Where data folders and generated config files live.</summary>
    public StateDirectory State { get; }

    /// <summary>Where the server programs are found.</summary>
    public ServerBinaries Binaries { get; }

    /// <summary>The settings of this builder's AppHost.</summary>
    public static LocalServerSettings Of(IDistributedApplicationBuilder builder) =>
        Cache.GetValue(builder, b => Read(b.Configuration, b.AppHostDirectory));

    /// <summary>One line per setting that cannot be used, naming its key (checked before the app model is built).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var modeText = configuration["AppHost:Servers"];
        if (!string.IsNullOrWhiteSpace(modeText) && !TryParseMode(modeText, out _))
        {
            yield return "AppHost:Servers is not one of the allowed values: use auto, executables or containers.";
        }
    }

    /// <summary><see cref="Problems(IConfiguration)"/> plus a configured state folder the server user cannot enter.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration, string appHostDirectory)
    {
        foreach (var problem in Problems(configuration)) yield return problem;
        if (configuration["AppHost:StateDirectory"] is { Length: > 0 } configured
            && !string.IsNullOrWhiteSpace(configured)
            && StateDirectory.Problem(configured, appHostDirectory) is { } folder)
        {
            yield return folder;
        }
    }

    private static bool TryParseMode(string? text, out ServerMode mode) =>
        Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);

    internal static LocalServerSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection("AppHost");
        if (Problems(configuration).FirstOrDefault() is { } problem) throw new DistributedApplicationException(problem);
        var mode = TryParseMode(section["Servers"], out var parsed) ? parsed : ServerMode.Auto;
        var state = StateDirectory.Resolve(section["StateDirectory"], appHostDirectory);
        return new LocalServerSettings(mode, state, new ServerBinaries(section["BinaryPath"]));
    }
}
