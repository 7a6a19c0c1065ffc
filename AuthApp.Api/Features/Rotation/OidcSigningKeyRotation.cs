using AuthApp.Api.Features.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// A new signing key for the OpenID Connect issuer with no failed request (decision 0098): announced first, so every
/// replica publishes it in the JWKS and accepts what it signs, then current once each replica has re-read the keys.
/// Returns when every replica signs with it. The previous key stays published, so nothing signed before is refused.
/// </summary>
public sealed class OidcSigningKeyRotation(IServiceScopeFactory scopes, IOptions<OidcOptions> oidc, IOptions<RotationOptions> options, TimeProvider time)
{
    /// <summary>Returns the new key id (not a secret: the JWKS publishes it).</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var refresh = oidc.Value.KeyRefreshInterval;
        // One refresh interval for every replica to read the announced key, plus the switch delay as a margin.
        var announce = refresh + options.Value.SwitchDelay;
        string keyId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<OidcKeyStore>();
            await store.EnsureKeysAsync(cancellationToken);
            keyId = await store.RotateSigningKeyAsync(announce, cancellationToken);
        }

        // Then every replica's next refresh makes it current: done when the slowest has had one.
        await Task.Delay(announce + refresh, time, cancellationToken);
        return keyId;
    }
}
