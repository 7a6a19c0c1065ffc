using AuthApp.Api.Features.Audit;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// Rotates the named secrets one after the other and records each as an audit event <c>secret.rotate</c>: who, which
/// secret, when, and the outcome; never a value (S17, S18).
/// </summary>
public sealed partial class CredentialRotation(
    PostgresRotation postgres,
    RedisRotation redis,
    TokenHashKeyRotation tokenHashKey,
    OidcSigningKeyRotation oidcSigningKey,
    IServiceScopeFactory scopes,
    ILogger<CredentialRotation> logger)
{
    public async Task RotateAsync(IEnumerable<string> secrets, string actor, CancellationToken cancellationToken)
    {
        foreach (var secret in secrets)
        {
            LogRotating(logger, secret);
            string? detail = null;
            try
            {
                switch (secret)
                {
                    case RotatedSecrets.Postgres: await postgres.RotateAsync(cancellationToken); break;
                    case RotatedSecrets.Redis: await redis.RotateAsync(cancellationToken); break;
                    case RotatedSecrets.TokenHashKey: detail = $"current key {await tokenHashKey.RotateAsync(cancellationToken)}"; break;
                    case RotatedSecrets.OidcSigningKey: detail = $"current key {await oidcSigningKey.RotateAsync(cancellationToken)}"; break;
                    default: throw new ArgumentException($"Unknown secret '{secret}': use {string.Join(", ", RotatedSecrets.All)}.", nameof(secrets));
                }
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                await RecordAsync(actor, secret, AuditOutcomes.Failure, e.GetType().Name);
                throw;
            }

            await RecordAsync(actor, secret, AuditOutcomes.Success, detail);
            LogRotated(logger, secret);
        }
    }

    private async Task RecordAsync(string actor, string secret, string outcome, string? detail)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEvent(AuditEventTypes.SecretRotation, outcome) { Actor = actor, Subject = secret, Detail = detail });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotating {Secret}")]
    private static partial void LogRotating(ILogger logger, string secret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated {Secret}: the services use the new value")]
    private static partial void LogRotated(ILogger logger, string secret);
}
