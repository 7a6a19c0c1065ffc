using Microsoft.Extensions.Logging;

namespace AuthApp.Hosting.Orchestration;

/// <summary>The orchestrator's log messages (source-generated).</summary>
internal static partial class OrchestratorLog
{
    [LoggerMessage(1, LogLevel.Information, "{Resource} is healthy.")]
    public static partial void ResourceHealthy(ILogger logger, string resource);

    [LoggerMessage(2, LogLevel.Error, "{Resource} exited unexpectedly with code {ExitCode}; the other resources keep running. Its last lines:\n{LastLines}")]
    public static partial void ResourceCrashed(ILogger logger, string resource, int exitCode, string lastLines);

    [LoggerMessage(3, LogLevel.Error, "{Resource} failed to start: {Reason}")]
    public static partial void ResourceFailedToStart(ILogger logger, string resource, string reason);

    [LoggerMessage(4, LogLevel.Information, "Stopping every resource.")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Every resource stopped.")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(6, LogLevel.Information, "State directory: {StateDirectory}")]
    public static partial void UsingStateDirectory(ILogger logger, string stateDirectory);
}
