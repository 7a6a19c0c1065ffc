using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// A new password for the Redis ACL user the services connect as (<c>default</c> unless the connection string names
/// one), with no failed request (decision 0094): Redis accepts both passwords while the services switch, then the old
/// one is removed. Passwords go to Redis as SHA-256 (<c>#…</c>, <c>!…</c>), never in clear.
/// </summary>
public sealed class RedisRotation(IConfiguration configuration, StoragePasswords passwords, SecretFolder folder, IOptions<RotationOptions> options)
{
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        var old = passwords.Redis.Current ?? throw new InvalidOperationException("ConnectionStrings:redis holds no password to rotate.");
        var fresh = RotatedSecrets.NewPassword();
        var settings = ConfigurationOptions.Parse(configuration.GetConnectionString("redis")!);
        settings.Password = old;
        settings.AllowAdmin = true;
        var user = settings.User ?? "default";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(settings);
        var server = redis.GetServers()[0];

        await server.ExecuteAsync("ACL", "SETUSER", user, "#" + Sha256(fresh));
        await folder.WriteAsync(StoragePasswords.RedisKey, fresh, cancellationToken);
        await Task.Delay(options.Value.SwitchDelay, cancellationToken);
        // Connections already authenticated stay so; from now on only the new password opens one.
        await server.ExecuteAsync("ACL", "SETUSER", user, "!" + Sha256(old));
    }

    private static string Sha256(string password) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)));
}
