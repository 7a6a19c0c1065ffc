using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Hosting.Orchestration;

/// <summary>One attempt of each built-in health check: Postgres connect, Redis PING with auth, HTTP GET.</summary>
internal sealed class HealthProbes : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly HttpClient _http = new() { Timeout = ProbeTimeout };

    /// <summary>Connects (no pooling) and runs <c>SELECT 1</c>.</summary>
    public static async Task<bool> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    /// <summary>Connects with the password and sends PING.</summary>
    public static async Task<bool> RedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
        options.ConnectRetry = 0;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken);
        await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>GET <paramref name="url"/>; healthy on a 2xx status.</summary>
    public async Task<bool> HttpAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _http.Dispose();
}
