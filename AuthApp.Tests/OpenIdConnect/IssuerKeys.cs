using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// Validates tokens the way a relying party does, with Microsoft.IdentityModel only: the configuration (issuer, JWKS)
/// comes from the discovery document, fetched fresh each time so a rotation is seen.
/// </summary>
public static class IssuerKeys
{
    public static async Task<OpenIdConnectConfiguration> ConfigurationAsync(Uri issuer)
    {
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            new Uri(issuer, ".well-known/openid-configuration").ToString(),
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = false });
        return await manager.GetConfigurationAsync(Cancel);
    }

    public static async Task<TokenValidationResult> ValidateAsync(Uri issuer, string token, string audience)
    {
        var configuration = await ConfigurationAsync(issuer);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
        });
    }

    public static JsonWebToken Read(string token) => new(token);
}
