using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AuthApp.LocalServers;

/// <summary>Adds the installed PostgreSQL server to the app model as an executable resource.</summary>
public static class LocalPostgresBuilderExtensions
{
    // Unix socket paths are limited to ~107 bytes; a deep state directory falls back to TCP only.
    private const int MaxSocketDirectoryLength = 90;
    private const string DuplicateDatabase = "42P04";

    /// <summary>
    /// The installed <c>postgres</c> (initdb on first start, data in the state directory, bound to 127.0.0.1,
    /// scram-sha-256, run as the postgres user when the AppHost is root), with a health check and a generated
    /// <c>{name}-password</c> parameter, like <c>AddPostgres</c>.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var settings = LocalServerSettings.Of(builder);
        settings.Binaries.EnsureAvailable(needsPostgres: true, needsRedis: false);
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var folder = new PostgresDataFolder(settings.State.ForResource(name), settings.Binaries.PostgresDirectories());
        var server = new LocalPostgresResource(name, password, folder);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, ct) =>
            server.BinaryDirectory = await folder.PrepareAsync(await password.GetValueAsync(ct) ?? string.Empty, ct));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await CreateDatabasesAsync(server, ct);
            await PublishDatabaseStateAsync(builder, server, @event.Services, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (@event, _) =>
            PublishDatabaseStateAsync(builder, server, @event.Services, KnownResourceStates.Exited));

        var healthCheck = $"{name}_check";
        LocalPostgresHealthCheck? check = null;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, services => check ??= new LocalPostgresHealthCheck(server, database: null, services), failureStatus: null, tags: null));

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                var socketDirectory = folder.SocketDirectory.Length <= MaxSocketDirectoryLength ? folder.SocketDirectory : string.Empty;
                var postgres = Path.Combine(server.BinaryDirectory ?? throw new InvalidOperationException("PostgreSQL was not prepared."), "postgres");
                var (fileName, arguments) = ServiceUser.Wrap(postgres, ["-D", folder.DataDirectory, "-h", "127.0.0.1", "-k", socketDirectory, "-c", "logging_collector=off", "-p"]);
                foreach (var argument in GracefulStop.Arguments(name, [fileName, .. arguments, server.PrimaryEndpoint.Property(EndpointProperty.TargetPort)]))
                {
                    context.Args.Add(argument);
                }
            })
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseMultiple");
    }

    /// <summary>A database on the server, created (if missing) once the server is healthy, like Aspire's <c>AddDatabase</c>.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(name, database.DatabaseName);
        var healthCheck = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, services => new LocalPostgresHealthCheck(builder.Resource, database.DatabaseName, services), failureStatus: null, tags: null));
        return builder.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }

    // DCP reports the state of containers' child resources, not of executables': the databases follow their server here.
    private static async Task PublishDatabaseStateAsync(IDistributedApplicationBuilder builder, LocalPostgresResource server, IServiceProvider services, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? DateTime.UtcNow : snapshot.StartTimeStamp,
                StopTimeStamp = state == KnownResourceStates.Running ? null : DateTime.UtcNow,
            });
        }
    }

    private static async Task CreateDatabasesAsync(LocalPostgresResource server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await LocalPostgresHealthCheck.ConnectionStringAsync(server, "postgres", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        foreach (var databaseName in server.Databases.Values)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(databaseName)}";
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
            {
                // Kept from an earlier run: the data folder outlives the AppHost.
            }
        }
    }
}
