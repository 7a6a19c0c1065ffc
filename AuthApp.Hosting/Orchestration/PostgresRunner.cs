using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using Npgsql;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Runs a PostgreSQL server from the installed binaries, bound to 127.0.0.1 on its allocated port.</summary>
internal sealed class PostgresRunner(ServerBinaries binaries, StateDirectory state) : IResourceRunner
{
    // Unix socket paths are limited to ~107 bytes; a deep state directory falls back to TCP only.
    private const int MaxSocketDirectoryLength = 90;
    private const string InvalidPassword = "28P01";

    public string ResourceType => "Executable";

    public bool CanRun(IResource resource) => resource is PostgresServerResource;

    public bool HasHealthCheck(IResource resource) => true;

    public async Task<ProcessSpec?> PrepareAsync(IResource resource, CancellationToken cancellationToken)
    {
        var server = (PostgresServerResource)resource;
        var cluster = new PostgresCluster(state.ForResource(server.Name), binaries.PostgresDirectories());
        var binaryDirectory = await cluster.PrepareAsync(server.PasswordParameter.Value, cancellationToken);
        var port = server.PrimaryEndpoint.Annotation.AllocatedEndpoint!.Port;
        var socketDirectory = cluster.SocketDirectory.Length <= MaxSocketDirectoryLength ? cluster.SocketDirectory : string.Empty;
        var (fileName, arguments) = PostgresCluster.AsServiceUser(Path.Combine(binaryDirectory, "postgres"),
        [
            "-D", cluster.DataDirectory, "-p", $"{port}", "-h", "127.0.0.1", "-k", socketDirectory,
            "-c", "logging_collector=off",
        ]);
        return new ProcessSpec(fileName, arguments, cluster.Folder) { StopSignal = UnixSignals.Interrupt };
    }

    public async Task<bool> ProbeAsync(IResource resource, CancellationToken cancellationToken)
    {
        var server = (PostgresServerResource)resource;
        try
        {
            return await HealthProbes.PostgresAsync(AdminConnectionString(server, "postgres"), cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == InvalidPassword)
        {
            // Waiting would never end: the data folder was initialised with a password that is no longer stored.
            throw new DistributedApplicationException(
                $"PostgreSQL refuses the stored password for '{server.Name}': its data folder was initialised with another one " +
                $"(was {ParameterStore.FileName} deleted or {server.PasswordParameter.Name} changed?). Restore the old value with " +
                $"Parameters:{server.PasswordParameter.Name}, or reset the data: delete {state.ForResource(server.Name)}.");
        }
    }

    /// <summary>The superuser's connection to one database, over 127.0.0.1 where the server listens.</summary>
    public static string AdminConnectionString(PostgresServerResource server, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = server.PrimaryEndpoint.Annotation.AllocatedEndpoint!.Port,
        Username = server.UserName,
        Password = server.PasswordParameter.Value,
        Database = database,
    }.ConnectionString;
}
