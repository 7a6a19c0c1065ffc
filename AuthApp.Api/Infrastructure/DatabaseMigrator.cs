using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Applies EF Core migrations: as the <c>migrate</c> command (a Kubernetes Job runs it before the
/// rollout) and at startup in Development.
/// </summary>
public static partial class DatabaseMigrator
{
    /// <summary><c>AuthApp.Api migrate</c>: migrate, then exit 0; on failure print why and exit 1.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.Api.Migrate");
        if (StorageOptionsValidator.CheckPostgres(app.Configuration.GetConnectionString("authdb")) is { } problem)
        {
            await Console.Error.WriteLineAsync($"Migration failed: {problem}");
            return 1;
        }

        try
        {
            await app.MigrateDatabaseAsync();
            LogMigrated(logger);
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Npgsql messages name the host and reason, never the password.
            await Console.Error.WriteLineAsync($"Migration failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Development convenience: the schema is always current on <c>dotnet run</c>.</summary>
    public static async Task MigrateInDevelopmentAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        // Reading the options first turns a missing connection string into its clear message.
        _ = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await app.MigrateDatabaseAsync();
    }

    private static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AuthDbContext>().Database;
        // Npgsql's history repository reads the history table before creating it and treats "relation does not
        // exist" as "nothing applied", which logs a failed command (and a server ERROR) on every fresh database.
        // Creating it first, idempotently, leaves nothing to fail.
        await database.ExecuteSqlRawAsync(database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        await database.MigrateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrations applied")]
    private static partial void LogMigrated(ILogger logger);
}
