using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// A new password for the PostgreSQL role the services use, with no failed request (decision 0094): the services learn
/// it first (they fall back to the old one while PostgreSQL still wants it), then the role changes. Connections already
/// open are never affected by <c>ALTER ROLE</c>.
/// </summary>
public sealed class PostgresRotation(IConfiguration configuration, StoragePasswords passwords, SecretFolder folder, IOptions<RotationOptions> options)
{
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        var old = passwords.Postgres.Current ?? throw new InvalidOperationException("ConnectionStrings:authdb holds no password to rotate.");
        var fresh = RotatedSecrets.NewPassword();
        await folder.WriteAsync(StoragePasswords.PostgresKey, fresh, cancellationToken);
        await Task.Delay(options.Value.SwitchDelay, cancellationToken);
        // This process reads the folder as the services do (polling, about every 4 s, later on a busy machine): its own
        // audit row after ALTER ROLE must already use the new password.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (passwords.Postgres.Current != fresh)
        {
            if (DateTime.UtcNow > deadline)
            {
                // The role still has the old password: the folder must say so again, or a restarted service would fail.
                await folder.WriteAsync(StoragePasswords.PostgresKey, old, CancellationToken.None);
                throw new InvalidOperationException(
                    $"This process did not see the new password in {SecretFolderExtensions.DirectoryKey} within a minute; the role and the folder keep the old one.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        // Its own connection with the old password: the role still has it, whatever the pool holds.
        var settings = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("authdb")) { Password = old, Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // A role may change its own password. DDL takes no parameters; the verifier is base64 and '$', nothing to escape.
        await using var alter = new NpgsqlCommand($"ALTER ROLE CURRENT_USER PASSWORD '{ScramVerifier.For(fresh)}'", connection);
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }
}
