namespace AuthApp.Kubectl.SignIn;

/// <summary>Where and as whom the plugin signs in, from the command line.</summary>
/// <param name="Issuer">The issuer URL, exactly as the API server's <c>--oidc-issuer-url</c>.</param>
/// <param name="ClientId">The public client registered for kubectl.</param>
/// <param name="Scopes">Space-separated scopes; <c>offline_access</c> asks for the refresh token.</param>
/// <param name="CertificateAuthorityFile">A PEM file of extra CAs the issuer's certificate may chain to.</param>
internal sealed record IssuerSettings(string Issuer, string ClientId, string Scopes, string? CertificateAuthorityFile);

/// <summary>The tokens a sign-in or refresh returned.</summary>
internal sealed record IssuedTokens(string IdToken, string? RefreshToken);
