using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// Gives OpenIddict the keys of the <see cref="OidcKeyRing"/>: the current signing key first (OpenIddict signs with the
/// first asymmetric key and publishes all of them in the JWKS), then the previous one. When the ring changes,
/// <see cref="Reload"/> drops the cached options so the next request builds them again with the new keys.
/// </summary>
public sealed class OidcServerKeys(OidcKeyRing ring, IOptionsMonitorCache<OpenIddictServerOptions> cache) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var keys = ring.Current;
        options.SigningCredentials.Clear();
        foreach (var key in keys.SigningKeys) options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Clear();
        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    public void Reload() => cache.TryRemove(Options.DefaultName);
}
