using System.Runtime.InteropServices;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Signals to child processes. .NET can only SIGKILL a process; graceful stops need SIGTERM
/// (projects, Redis) and SIGINT (PostgreSQL's fast shutdown).
/// </summary>
internal static partial class UnixSignals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;
    private const int NoSuchProcess = 3;

    public static bool Send(int processId, int signal) =>
        !OperatingSystem.IsWindows() && SendSignal(processId, signal) == 0;

    /// <summary>Whether a process with that id exists (signal 0 checks without sending anything).</summary>
    public static bool IsAlive(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return SendSignal(processId, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
