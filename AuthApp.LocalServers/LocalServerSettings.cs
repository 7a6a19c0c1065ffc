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

    internal static LocalServerSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection("AppHost");
        var modeText = section["Servers"];
        var mode = ServerMode.Auto;
        if (!string.IsNullOrWhiteSpace(modeText) && (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode)))
        {
            throw new DistributedApplicationException(
                "AppHost:Servers is not one of the allowed values: use auto, executables or containers.");
        }

        var state = StateDirectory.Resolve(section["StateDirectory"], appHostDirectory);
        return new LocalServerSettings(mode, state, new ServerBinaries(section["BinaryPath"]));
    }
}
