using System.Diagnostics;

namespace AuthApp.Hosting.Orchestration;

/// <summary>A running child: its output lines go to a callback, and it can be stopped gracefully or killed.</summary>
internal sealed class SupervisedProcess
{
    private readonly Process _process;
    private readonly int _stopSignal;

    private SupervisedProcess(Process process, int stopSignal)
    {
        _process = process;
        _stopSignal = stopSignal;
        Id = process.Id;
        Exited = WaitForExitAsync();
    }

    public int Id { get; }

    /// <summary>Completes with the exit code once the process ended and its output was read.</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public static SupervisedProcess Start(ProcessSpec spec, Action<string, bool> onLine)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in spec.Environment)
        {
            info.Environment[variable.Name] = variable.Value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, true);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SupervisedProcess(process, spec.StopSignal);
    }

    /// <summary>Sends the stop signal, then kills the whole process tree if it is still alive after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        UnixSignals.Send(Id, _stopSignal);
        if (await Task.WhenAny(Exited, Task.Delay(timeout)) != Exited)
        {
            Kill();
        }

        await Exited;
    }

    /// <summary>Kills the process and every process it started.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        var code = _process.ExitCode;
        _process.Dispose();
        return code;
    }
}
