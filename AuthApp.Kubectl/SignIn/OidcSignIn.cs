using System.Net;
using System.Net.Sockets;
using AuthApp.Kubectl.Credentials;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;

namespace AuthApp.Kubectl.SignIn;

/// <summary>
/// Authorization code with PKCE through a loopback redirect (RFC 8252) through Duende's OidcClient, which reads
/// discovery, makes the PKCE pair, state and nonce, and checks the callback; and the refresh-token grant.
/// </summary>
internal sealed class OidcSignIn(IssuerSettings settings, HttpMessageHandler handler, TextWriter prompt)
{
    public async Task<IssuedTokens> SignInAsync(int listenPort, bool openBrowser, CancellationToken cancellationToken)
    {
        var port = listenPort == 0 ? FreeLoopbackPort() : listenPort;
        // The loopback IP literal, not "localhost" (RFC 8252 §8.3); the kubectl client is registered as http://127.0.0.1,
        // which the issuer matches with any port (§7.3).
        var redirectUri = $"http://127.0.0.1:{port}/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(redirectUri);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException exception)
        {
            throw new PluginException($"Cannot listen on {redirectUri} for the sign-in callback ({exception.Message}); choose another --listen-port.");
        }

        var client = new OidcClient(Options(redirectUri, new LoopbackBrowser(listener, prompt, openBrowser)));
        var result = await client.LoginAsync(new LoginRequest(), cancellationToken);
        if (result.IsError)
        {
            throw new PluginException($"Sign-in failed: {result.Error}{(string.IsNullOrEmpty(result.ErrorDescription) ? "" : $" ({result.ErrorDescription})")}.");
        }

        return Issued(result.IdentityToken, result.RefreshToken);
    }

    /// <summary>
    /// The refreshed tokens, or <c>null</c> when the issuer refused the refresh token (then sign in again). A plain
    /// refresh-token request (Duende.IdentityModel) to the token endpoint from discovery, so the id_token of the
    /// answer is read as sent.
    /// </summary>
    public async Task<IssuedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        var discovery = await http.GetDiscoveryDocumentAsync(settings.Issuer, cancellationToken);
        if (discovery.IsError)
        {
            throw new PluginException($"Could not read the issuer's discovery document: {discovery.Error}");
        }

        var result = await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = discovery.TokenEndpoint, ClientId = settings.ClientId, RefreshToken = refreshToken },
            cancellationToken);
        if (result.IsError)
        {
            if (result.Error is "invalid_grant" or "invalid_client" or "unauthorized_client")
            {
                await prompt.WriteLineAsync($"The cached sign-in was refused ({result.Error}{(string.IsNullOrEmpty(result.ErrorDescription) ? "" : $": {result.ErrorDescription}")}); sign in again.");
                return null;
            }

            throw new PluginException($"Refreshing the token failed: {result.Error}{(string.IsNullOrEmpty(result.ErrorDescription) ? "" : $" ({result.ErrorDescription})")}.");
        }

        if (string.IsNullOrEmpty(result.IdentityToken))
        {
            // Without an id_token in the answer there is nothing to give kubectl: treat it like a refused refresh.
            await prompt.WriteLineAsync("The issuer refreshed the sign-in without an id_token; sign in again.");
            return null;
        }

        return Issued(result.IdentityToken, string.IsNullOrEmpty(result.RefreshToken) ? refreshToken : result.RefreshToken);
    }

    private OidcClientOptions Options(string redirectUri, LoopbackBrowser? browser) => new()
    {
        Authority = settings.Issuer,
        ClientId = settings.ClientId,
        Scope = settings.Scopes,
        RedirectUri = redirectUri,
        Browser = browser,
        BackchannelHandler = handler,
        HttpClientFactory = _ => new HttpClient(handler, disposeHandler: false),

        // The id_token carries every claim the API server reads; userinfo adds nothing kubectl needs.
        LoadProfile = false,
    };

    private static IssuedTokens Issued(string? idToken, string? refreshToken) =>
        string.IsNullOrEmpty(idToken)
            ? throw new PluginException("The issuer answered without an id_token; ask for the 'openid' scope.")
            : new IssuedTokens(idToken, string.IsNullOrEmpty(refreshToken) ? null : refreshToken);

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
