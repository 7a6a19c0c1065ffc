using AuthApp.Api.Features.Audit;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>The issuer's admin endpoints (S14: the <c>admin</c> role, checked on the server).</summary>
public static class OidcAdminEndpoints
{
    public static IEndpointRouteBuilder MapOpenIdConnectAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/oidc").WithTags("Admin").RequireAdmin().DisableAntiforgery();
        group.MapPost("/signing-keys/rotate", Rotate)
            .WithSummary("Make a new id_token signing key current; the previous key stays in the JWKS so earlier tokens keep validating.");
        return app;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<SigningKeyRotated>> Rotate(OidcKeyStore keys, IAuditLog audit, HttpContext context)
    {
        var keyId = await keys.RotateSigningKeyAsync(context.RequestAborted);
        await audit.RecordAsync(context, AuditEventTypes.AdminOidcSigningKeyRotated, AuditOutcomes.Success, keyId);
        return TypedResults.Ok(new SigningKeyRotated(keyId));
    }
}

/// <summary>Answer of <c>POST /admin/oidc/signing-keys/rotate</c>: the <c>kid</c> of the new current key.</summary>
public sealed record SigningKeyRotated(string KeyId);
