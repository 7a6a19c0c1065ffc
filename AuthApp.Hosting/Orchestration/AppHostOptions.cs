using System.ComponentModel.DataAnnotations;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Settings of the local orchestrator, bound from the <c>AppHost</c> configuration section.</summary>
internal sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>Where data, generated secrets and config files live; default <c>.authapp/</c> at the repository root.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Folders searched for postgres, initdb and redis-server instead of the defaults (PATH, /usr/lib/postgresql/*/bin, Homebrew), separated by the path separator.</summary>
    public string? BinaryPath { get; set; }

    /// <summary>ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT of the projects; default Development.</summary>
    [Required(ErrorMessage = "AppHost:Environment must not be empty.")]
    public string Environment { get; set; } = "Development";

    /// <summary>Fixed ports by resource name (its first endpoint), e.g. <c>AppHost:Ports:web=5080</c>.</summary>
    public Dictionary<string, int> Ports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether child output and the summary are written to the console; default true.</summary>
    public bool EchoOutput { get; set; } = true;

    /// <summary>How long a child gets to stop after its stop signal before its process tree is killed; default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "AppHost:StopTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
