using System.Diagnostics;
using System.Security.Cryptography;
using AuthApp.LocalServers;
using StackExchange.Redis;

namespace AuthApp.Tests.Infrastructure;

/// <summary>A real redis-server on a random 127.0.0.1 port, with a password and no persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private RedisServer(Process process, string root, int port, string password)
    {
        _process = process;
        _root = root;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>StackExchange.Redis format, as Aspire passes it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public static async Task<RedisServer> StartAsync()
    {
        var binaries = new ServerBinaries(binaryPath: null);
        binaries.EnsureAvailable(needsPostgres: false, needsRedis: true);
        var executable = binaries.RedisServer()!;
        var root = ProcessRunner.NewTempDirectory("authapp-redis");
        var port = ProcessRunner.FreePort();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // The password goes in an owner-only config file, not on the command line where `ps` shows it.
        var config = Path.Combine(root, "redis.conf");
        await File.WriteAllTextAsync(config, $"requirepass {password}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { config, "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", root })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, root, port, password);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Stops the server (the tests of "Redis is down" use this on a server of their own).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (!_process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("redis-server did not answer PING within 10 seconds.");
    }
}
