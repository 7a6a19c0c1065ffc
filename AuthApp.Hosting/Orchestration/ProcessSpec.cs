using System.Collections.Immutable;
using AuthApp.Hosting.Runtime;

namespace AuthApp.Hosting.Orchestration;

/// <summary>How to launch and stop one child process.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments (passed as a list: no shell quoting involved).</param>
/// <param name="WorkingDirectory">Its working directory.</param>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>Variables added to the inherited environment (also shown, masked, by the dashboard).</summary>
    public ImmutableArray<EnvironmentVariableSnapshot> Environment { get; init; } = [];

    /// <summary>The signal asking the process to stop gracefully.</summary>
    public int StopSignal { get; init; } = UnixSignals.Terminate;
}
