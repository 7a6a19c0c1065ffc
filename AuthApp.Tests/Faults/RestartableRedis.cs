using System.Diagnostics;
using System.Security.Cryptography;
using AuthApp.LocalServers;
using AuthApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Tests.Faults;

/// <summary>
/// A redis-server of one fault test, with append-only persistence as deployed, that can be stopped, started again
/// on the same port and data folder, and paused. Never the run's shared Redis: these faults would hit other tests.
/// </summary>
public sealed class RestartableRedis : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _root;
    private readonly string _config;
    private Process? _process;

    private RestartableRedis(string executable, string root, string config, int port, string password)
    {
        _executable = executable;
        _root = root;
        _config = config;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public static async Task<RestartableRedis> StartAsync()
    {
        var binaries = new ServerBinaries(binaryPath: null);
        binaries.EnsureAvailable(needsPostgres: false, needsRedis: true);
        var root = ProcessRunner.NewTempDirectory("authapp-fault-redis");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var config = Path.Combine(root, "redis.conf");
        // appendfsync always: what a restart must keep is exactly what was acknowledged.
        await File.WriteAllTextAsync(config, $"requirepass {password}\nappendonly yes\nappendfsync always\nsave \"\"\ndir {root}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var redis = new RestartableRedis(binaries.RedisServer()!, root, config, ProcessRunner.FreePort(), password);
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts redis-server (again) and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { _config, "--port", $"{Port}", "--bind", "127.0.0.1" }) start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(PingsAsync, TimeSpan.FromSeconds(10), "redis-server to answer PING");
    }

    /// <summary>SIGTERM, as an orchestrator stops it: Redis flushes the append-only file and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        await ProcessRunner.RunAsync("kill", ["-TERM", $"{_process.Id}"]);
        await _process.WaitForExitAsync(ApiClient.Cancel);
    }

    /// <summary><c>CLIENT PAUSE</c>: every client's commands wait for <paramref name="length"/>, the connections stay open.</summary>
    public async Task PauseAsync(TimeSpan length)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", (long)length.TotalMilliseconds, "ALL");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",connectTimeout=500,abortConnect=true");
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException) when (_process is { HasExited: false })
        {
            return false;
        }
    }
}
