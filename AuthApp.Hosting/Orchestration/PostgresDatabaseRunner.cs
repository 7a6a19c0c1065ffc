using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using Npgsql;

namespace AuthApp.Hosting.Orchestration;

/// <summary>A database has no process: once its server is healthy it is created when missing, then probed.</summary>
internal sealed class PostgresDatabaseRunner : IResourceRunner
{
    private const string DuplicateDatabase = "42P04";

    public string ResourceType => "Database";

    public bool CanRun(IResource resource) => resource is PostgresDatabaseResource;

    public bool HasHealthCheck(IResource resource) => true;

    public async Task<ProcessSpec?> PrepareAsync(IResource resource, CancellationToken cancellationToken)
    {
        var database = (PostgresDatabaseResource)resource;
        await using var connection = new NpgsqlConnection(PostgresRunner.AdminConnectionString(database.Server, "postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database.DatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            try
            {
                // Identifiers cannot be bound as parameters; the name is quoted (and resource names are validated).
                var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
            {
                // Created meanwhile by someone else: that is what we wanted.
            }
        }

        return null;
    }

    public Task<bool> ProbeAsync(IResource resource, CancellationToken cancellationToken)
    {
        var database = (PostgresDatabaseResource)resource;
        return HealthProbes.PostgresAsync(PostgresRunner.AdminConnectionString(database.Server, database.DatabaseName), cancellationToken);
    }
}
