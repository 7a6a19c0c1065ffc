using System.Security.Cryptography;
using AuthApp.LocalServers;
using Npgsql;

namespace AuthApp.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the test run: initdb into a temp folder, scram-sha-256 password auth,
/// a random port on 127.0.0.1. PostgreSQL refuses to run as root, so as root it runs as <c>postgres</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private string _options = "";

    private PostgresServer(string bin, string root, int port, string password)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    /// <param name="maxConnections">Lower for the connection-exhaustion test, which must fill every slot.</param>
    public static async Task<PostgresServer> StartAsync(int maxConnections = 300)
    {
        var bin = FindBinaries();
        var root = ProcessRunner.NewTempDirectory("authapp-pg");
        var server = new PostgresServer(bin, root, ProcessRunner.FreePort(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var passwordFile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, server.Password);
        if (ProcessRunner.IsRoot) await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", root]);

        await server.RunAsync("initdb", ["-D", server._data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // Durability is pointless for throw-away test data; turning it off keeps the suite fast.
        server._options = $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections={maxConnections}";
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A fast shutdown (clients are disconnected, as in a restart by an operator).</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", _data, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the stopped server on the same port and data folder.</summary>
    public Task StartAgainAsync() =>
        RunAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_root, "postgres.log"), "-o", _options, "-w", "-t", "60", "start"]);

    /// <summary>The folder of pg_dump, pg_restore and the server binaries found for this run.</summary>
    public string BinaryDirectory => _bin;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = Password, Database = database }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"authdb_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<string> RunAsync(string tool, string[] arguments) =>
        ProcessRunner.IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : ProcessRunner.RunAsync(Path.Combine(_bin, tool), arguments);

    // The same search as the AppHost's (PATH, /usr/lib/postgresql/*/bin, Homebrew), with its install hint when missing.
    private static string FindBinaries()
    {
        var binaries = new ServerBinaries(binaryPath: null);
        binaries.EnsureAvailable(needsPostgres: true, needsRedis: false);
        return binaries.PostgresDirectories()[0];
    }
}
