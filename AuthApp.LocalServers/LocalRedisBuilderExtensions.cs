using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AuthApp.LocalServers;

/// <summary>Adds the installed Redis server to the app model as an executable resource.</summary>
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// The installed <c>redis-server</c> (bound to 127.0.0.1, append-only persistence in the state directory) with a
    /// PING health check and a generated <c>{name}-password</c> parameter, like <c>AddRedis(...).WithDataVolume()</c>.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var settings = LocalServerSettings.Of(builder);
        settings.Binaries.EnsureAvailable(needsPostgres: false, needsRedis: true);
        // StackExchange.Redis connection strings cannot carry commas, so no special characters, as in AddRedis.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redis = new LocalRedisResource(name, settings.Binaries.RedisServer()!, settings.State.ForResource(name), password);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) => await WriteConfigAsync(redis, ct));
        var healthCheck = $"{name}_check";
        // One instance for the AppHost's life, so the checks reuse one connection.
        var check = new LocalRedisHealthCheck(redis);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => check, failureStatus: null, tags: null));

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(redis.ConfigFile, "--port", redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
            .WithHealthCheck(healthCheck)
            .WithIconName("Memory");
    }

    // The password goes into an owner-only config file, never on the command line where `ps` would show it.
    private static async Task WriteConfigAsync(LocalRedisResource redis, CancellationToken cancellationToken)
    {
        var data = Directory.CreateDirectory(Path.Combine(redis.Folder, "data")).FullName;
        string[] lines =
        [
            "bind 127.0.0.1",
            $"requirepass {await redis.PasswordParameter.GetValueAsync(cancellationToken)}",
            "protected-mode yes",
            "daemonize no",
            // AOF alone (fsync every second) persists every write; RDB snapshots on top forked the server every
            // minute under writes, and the copy-on-write faults cost the token paths more than the commands did
            // (decision 0101).
            "appendonly yes",
            "appendfsync everysec",
            "save \"\"",
            $"dir \"{data}\"",
            "logfile \"\"",
        ];
        await OwnerOnlyFile.WriteAsync(redis.ConfigFile, string.Join('\n', lines) + "\n", cancellationToken);
    }
}

/// <summary>Healthy when Redis answers PING with the resource's password.</summary>
internal sealed class LocalRedisHealthCheck(LocalRedisResource redis) : IHealthCheck
{
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_connection is null)
            {
                var options = ConfigurationOptions.Parse(await redis.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? string.Empty);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 3000;
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            await _connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer PING yet ({e.GetType().Name}).");
        }
    }
}
