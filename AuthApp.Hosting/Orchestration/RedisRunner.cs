using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Runs redis-server bound to 127.0.0.1 with append-only persistence. The password goes into an owner-only
/// config file in the state directory, never on the command line where <c>ps</c> would show it.
/// </summary>
internal sealed class RedisRunner(ServerBinaries binaries, StateDirectory state) : IResourceRunner
{
    public string ResourceType => "Executable";

    public bool CanRun(IResource resource) => resource is RedisResource;

    public bool HasHealthCheck(IResource resource) => true;

    public async Task<ProcessSpec?> PrepareAsync(IResource resource, CancellationToken cancellationToken)
    {
        var redis = (RedisResource)resource;
        var folder = state.ForResource(redis.Name);
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var configFile = Path.Combine(folder, "redis.conf");
        string[] lines =
        [
            "bind 127.0.0.1",
            $"port {redis.PrimaryEndpoint.Annotation.AllocatedEndpoint!.Port}",
            $"requirepass {redis.PasswordParameter.Value}",
            "protected-mode yes",
            "daemonize no",
            "appendonly yes",
            "save 60 1",
            $"dir \"{data}\"",
            "logfile \"\"",
        ];
        File.Delete(configFile);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(new FileStream(configFile, options)))
        {
            await writer.WriteAsync(string.Join('\n', lines) + "\n");
        }

        var redisServer = binaries.RedisServer()
            ?? throw new DistributedApplicationException("redis-server is not installed (sudo apt-get install redis-server, or brew install redis).");
        return new ProcessSpec(redisServer, [configFile], folder);
    }

    public async Task<bool> ProbeAsync(IResource resource, CancellationToken cancellationToken)
    {
        var redis = (RedisResource)resource;
        var connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("Redis has no connection string.");
        return await HealthProbes.RedisAsync(connectionString, cancellationToken);
    }
}
