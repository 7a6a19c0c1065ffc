using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AuthApp.LocalServers;

/// <summary>
/// Healthy when the server (or one database on it) accepts a query. A refused password is reported in words:
/// waiting would never end, because the data folder was initialised with another password.
/// </summary>
internal sealed partial class LocalPostgresHealthCheck(LocalPostgresResource server, string? database, IServiceProvider services) : IHealthCheck
{
    private const string InvalidPassword = "28P01";
    private bool _passwordReported;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await ConnectionStringAsync(server, database ?? "postgres", cancellationToken));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (PostgresException e) when (e.SqlState == InvalidPassword)
        {
            var message =
                $"PostgreSQL refuses the password of '{server.Name}': its data folder was initialised with another one " +
                $"(were the AppHost's user secrets cleared, or {server.PasswordParameter.Name} changed?). Set the old value as " +
                $"Parameters:{server.PasswordParameter.Name}, or reset the data (all local data is lost): delete {server.DataFolder.Folder}.";
            if (!_passwordReported)
            {
                _passwordReported = true;
                // On the dashboard (the resource's console log) and in the AppHost's own output.
                LogPasswordRefused(services.GetRequiredService<ResourceLoggerService>().GetLogger(server), message);
                LogPasswordRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.LocalServers"), message);
            }

            return HealthCheckResult.Unhealthy(message);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not accept connections yet ({e.GetType().Name}).");
        }
    }

    internal static async Task<string> ConnectionStringAsync(LocalPostgresResource server, string database, CancellationToken cancellationToken) =>
        new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Database = database,
            Pooling = false,
            Timeout = 5,
        }.ConnectionString;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogPasswordRefused(ILogger logger, string message);
}
