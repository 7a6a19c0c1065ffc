using AuthApp.Kubectl.SignIn;
using AuthApp.Kubectl.Tokens;

namespace AuthApp.Kubectl.Credentials;

/// <summary>How the plugin signs in when the cache cannot help.</summary>
/// <param name="Device">Device authorization grant instead of the browser and loopback redirect.</param>
/// <param name="ListenPort">Loopback port for the redirect (0: any free port).</param>
/// <param name="OpenBrowser">Open the default browser as well as printing the URL.</param>
internal sealed record InteractiveSettings(bool Device, int ListenPort, bool OpenBrowser);

/// <summary>
/// The id_token for kubectl, in order of preference: the cached one while it is valid, a silent refresh with the
/// cached refresh token, and only then an interactive sign-in.
/// </summary>
internal sealed class CredentialProvider(IssuerSettings issuer, InteractiveSettings interactive, TokenCache cache, TextWriter prompt, TimeProvider time)
{
    /// <summary>A token this close to its expiry is renewed now, so a kubectl call in flight does not outlive it.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(10);

    public async Task<(string IdToken, DateTimeOffset ExpiresAt)> GetAsync(CancellationToken cancellationToken)
    {
        var cached = cache.Read(issuer.Issuer, issuer.ClientId, issuer.Scopes);
        if (cached is not null && IdTokenExpiry.Read(cached.IdToken) is { } cachedExpiry && cachedExpiry - RenewBefore > time.GetUtcNow())
        {
            return (cached.IdToken, cachedExpiry);
        }

        using var handler = IssuerHttp.CreateHandler(issuer.CertificateAuthorityFile);
        IssuedTokens? issued = null;
        if (cached?.RefreshToken is { } refreshToken)
        {
            issued = await new OidcSignIn(issuer, handler, prompt).RefreshAsync(refreshToken, cancellationToken);
            if (issued is null)
            {
                // The refresh token was refused (expired, revoked, account disabled): forget it and sign in.
                cache.Remove(issuer.Issuer, issuer.ClientId, issuer.Scopes);
            }
        }

        issued ??= interactive.Device
            ? await new DeviceSignIn(issuer, handler, prompt, time).SignInAsync(cancellationToken)
            : await new OidcSignIn(issuer, handler, prompt).SignInAsync(interactive.ListenPort, interactive.OpenBrowser, cancellationToken);

        var expiresAt = IdTokenExpiry.Read(issued.IdToken)
            ?? throw new PluginException("The issuer's id_token has no 'exp' claim; kubectl needs to know when it expires.");
        cache.Write(
            new CachedTokens { Issuer = issuer.Issuer, ClientId = issuer.ClientId, IdToken = issued.IdToken, RefreshToken = issued.RefreshToken },
            issuer.Scopes);
        return (issued.IdToken, expiresAt);
    }
}
