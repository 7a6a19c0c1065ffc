using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting;

/// <summary><c>AddPostgres</c> and <c>AddDatabase</c>, as in Aspire.Hosting.PostgreSQL.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>Adds a PostgreSQL server; its password is generated on first run unless given.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        var passwordParameter = password?.Resource
            ?? builder.AddGeneratedParameter($"{name}-password", new GenerateParameterDefault { MinLength = 22 });
        return builder.AddResource(new PostgresServerResource(name, passwordParameter))
            .WithAnnotation(new EndpointAnnotation(PostgresServerResource.PrimaryEndpointName, "tcp", targetPort: 5432, port: port))
            .WithAnnotation(new ContainerImageAnnotation("library/postgres", "17.6"));
    }

    /// <summary>Adds a database on the server; the orchestrator creates it when missing.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases[name] = database.DatabaseName;
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>Keeps the server's data across runs (a volume when deployed, the state directory locally).</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> builder, string? name = null) =>
        builder.WithAnnotation(new VolumeAnnotation(name ?? $"{builder.Resource.Name}-data", "/var/lib/postgresql/data"));
}
