using System.Collections.Concurrent;
using AuthApp.Hosting.Runtime;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Launches child processes, routes their output to <see cref="ResourceLoggerService"/> and the console,
/// and kills any child still alive when the AppHost process ends, so none is orphaned.
/// </summary>
internal sealed class ProcessSupervisor : IDisposable
{
    private readonly ResourceLoggerService _logs;
    private readonly ConsoleEcho _echo;
    private readonly ConcurrentDictionary<SupervisedProcess, byte> _live = new();

    public ProcessSupervisor(ResourceLoggerService logs, ConsoleEcho echo)
    {
        _logs = logs;
        _echo = echo;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public SupervisedProcess Start(string resourceName, ProcessSpec spec)
    {
        var process = SupervisedProcess.Start(spec, (line, isError) =>
        {
            _logs.Write(resourceName, line, isError);
            _echo.Line(resourceName, line);
        });
        _live.TryAdd(process, 0);
        _ = process.Exited.ContinueWith(_ => _live.TryRemove(process, out byte _), TaskScheduler.Default);
        return process;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        KillAll();
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillAll();

    private void KillAll()
    {
        foreach (var process in _live.Keys)
        {
            process.Kill();
        }
    }
}
