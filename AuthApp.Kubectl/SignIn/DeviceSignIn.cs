using AuthApp.Kubectl.Credentials;
using Duende.IdentityModel.Client;

namespace AuthApp.Kubectl.SignIn;

/// <summary>
/// The device authorization grant (RFC 8628) for a terminal without a browser: shows the verification URL and
/// user code, then polls the token endpoint at the issuer's interval until the user has signed in elsewhere.
/// </summary>
internal sealed class DeviceSignIn(IssuerSettings settings, HttpMessageHandler handler, TextWriter prompt, TimeProvider time)
{
    public async Task<IssuedTokens> SignInAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        var discovery = await http.GetDiscoveryDocumentAsync(settings.Issuer, cancellationToken);
        if (discovery.IsError)
        {
            throw new PluginException($"Could not read the issuer's discovery document: {discovery.Error}");
        }

        if (string.IsNullOrEmpty(discovery.DeviceAuthorizationEndpoint))
        {
            throw new PluginException("The issuer offers no device authorization endpoint; sign in without --device.");
        }

        var authorization = await http.RequestDeviceAuthorizationAsync(
            new DeviceAuthorizationRequest { Address = discovery.DeviceAuthorizationEndpoint, ClientId = settings.ClientId, Scope = settings.Scopes },
            cancellationToken);
        if (authorization.IsError)
        {
            throw new PluginException($"The device authorization request failed: {Describe(authorization.Error, authorization.ErrorDescription)}.");
        }

        await prompt.WriteLineAsync(authorization.VerificationUriComplete is { Length: > 0 } complete
            ? $"To sign in, open {complete} and confirm the code {authorization.UserCode}."
            : $"To sign in, open {authorization.VerificationUri} and enter the code {authorization.UserCode}.");

        var interval = TimeSpan.FromSeconds(authorization.Interval > 0 ? authorization.Interval : 5);
        var deadline = time.GetUtcNow().AddSeconds(authorization.ExpiresIn ?? 300);
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(interval, time, cancellationToken);
            var token = await http.RequestDeviceTokenAsync(
                new DeviceTokenRequest { Address = discovery.TokenEndpoint, ClientId = settings.ClientId, DeviceCode = authorization.DeviceCode! },
                cancellationToken);
            switch (token.Error)
            {
                case null when !token.IsError:
                    return string.IsNullOrEmpty(token.IdentityToken)
                        ? throw new PluginException("The issuer answered without an id_token; ask for the 'openid' scope.")
                        : new IssuedTokens(token.IdentityToken, string.IsNullOrEmpty(token.RefreshToken) ? null : token.RefreshToken);
                case "authorization_pending":
                    continue;
                case "slow_down":
                    // RFC 8628 3.5: every slow_down adds five seconds to the interval for the rest of the polling.
                    interval += TimeSpan.FromSeconds(5);
                    continue;
                default:
                    throw new PluginException($"Device sign-in failed: {Describe(token.Error, token.ErrorDescription)}.");
            }
        }

        throw new PluginException("The device code expired before the sign-in was completed; run the command again.");
    }

    private static string Describe(string? error, string? description) =>
        string.IsNullOrEmpty(description) ? error ?? "unknown error" : $"{error} ({description})";
}
