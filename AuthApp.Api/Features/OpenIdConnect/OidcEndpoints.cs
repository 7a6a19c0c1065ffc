using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The issuer's endpoints OpenIddict passes through to us once it validated the request (client, redirect URI, PKCE,
/// code, refresh token, device code): here the account is checked again on every grant, so a disabled or unverified
/// account gets the standard OAuth error instead of tokens. Discovery and JWKS are answered by OpenIddict itself.
/// </summary>
public static class OidcEndpoints
{
    private const string ServerScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;
    private const string Unverified = "The email address of this account is not verified. Ask an administrator to verify it.";
    private const string CannotSignIn = "The account is disabled or no longer exists.";

    public static IEndpointRouteBuilder MapOpenIdConnectApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("OpenID Connect").ExcludeFromDescription();
        group.MapMethods("/" + OidcPaths.Authorize, [HttpMethods.Get, HttpMethods.Post], Authorize);
        group.MapPost("/" + OidcPaths.Token, Exchange).RequireRateLimiting(RateLimitPolicies.Token);
        group.MapMethods("/" + OidcPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfo);
        group.MapMethods("/" + OidcPaths.EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession);
        group.MapGet("/" + OidcPaths.Verify, ShowDevice);
        group.MapPost("/" + OidcPaths.Verify, ApproveDevice).RequireRateLimiting(RateLimitPolicies.Token);
        group.MapGet(OidcPaths.SignIn, (HttpContext context, OidcSignIn signIn, string? returnUrl) => signIn.Form(context, returnUrl));
        group.MapPost(OidcPaths.SignIn, (Delegate)SubmitSignIn)
            .RequireRateLimiting(RateLimitPolicies.Token);
        group.MapGet(OidcPaths.SignedOut, () => OidcPages.Message("Signed out", "You are signed out of AuthApp."));
        group.MapGet(OidcPaths.DeviceDone, () => OidcPages.Message("Device connected", "You can close this window and return to your device."));
        return app;
    }

    public static Task<IResult> SubmitSignIn(HttpContext context, OidcSignIn signIn) => signIn.SubmitAsync(context);

    public static async Task<IResult> Authorize(HttpContext context, AuthDbContext db, IAuditLog audit)
    {
        var request = Request(context);
        var userId = await OidcSignIn.UserIdAsync(context);
        if (userId is null)
        {
            if (request.HasPromptValue(PromptValues.None)) return Refuse(Errors.LoginRequired, "No one is signed in.");
            var parameters = request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
            var back = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Redirect($"{OidcPaths.SignIn}?returnUrl={Uri.EscapeDataString(back)}");
        }

        if (KeysMissing(context) is { } missing) return missing;
        var user = await db.Users.FindAsync([userId.Value], context.RequestAborted);
        if (await RefusalAsync(context, user, request.ClientId) is { } refusal) return refusal;
        await audit.RecordAsync(context, AuditEventTypes.OidcAuthorize, AuditOutcomes.Success, user!.Id.ToString(), $"client {request.ClientId}");
        return Results.SignIn(OidcClaims.For(user, request.GetScopes()), null, ServerScheme);
    }

    public static async Task<IResult> Exchange(HttpContext context, AuthDbContext db, IAuditLog audit)
    {
        var request = Request(context);
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType() && !request.IsDeviceCodeGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Use authorization_code, refresh_token or the device_code grant here; /token takes passwords.");
        }

        if (KeysMissing(context) is { } missing) return missing;
        var result = await context.AuthenticateAsync(ServerScheme);
        var user = await FindAsync(db, result.Principal?.GetClaim(Claims.Subject), context.RequestAborted);
        if (user is null || !user.IsActive || !user.EmailVerified)
        {
            await audit.RecordAsync(context, AuditEventTypes.OidcToken, AuditOutcomes.Failure, user?.Id.ToString(), $"{request.GrantType}: account refused");
            return Refuse(Errors.InvalidGrant, user is { IsActive: true } ? Unverified : CannotSignIn);
        }

        await audit.RecordAsync(context, AuditEventTypes.OidcToken, AuditOutcomes.Success, user.Id.ToString(), $"{request.GrantType} for client {request.ClientId}");
        return Results.SignIn(OidcClaims.For(user, [], result.Principal), null, ServerScheme);
    }

    public static async Task<IResult> UserInfo(HttpContext context, AuthDbContext db)
    {
        var result = await context.AuthenticateAsync(ServerScheme);
        var user = await FindAsync(db, result.Principal?.GetClaim(Claims.Subject), context.RequestAborted);
        if (user is null || !user.IsActive)
        {
            return Results.Challenge(Properties(Errors.InvalidToken, CannotSignIn), [ServerScheme]);
        }

        OidcSignIn.NoStore(context);
        return Results.Json(OidcClaims.UserInfo(user));
    }

    public static async Task<IResult> EndSession(HttpContext context)
    {
        await context.SignOutAsync(OidcSignIn.Scheme);
        // OpenIddict sends the browser to a registered post_logout_redirect_uri when one was given, else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = OidcPaths.SignedOut }, [ServerScheme]);
    }

    public static async Task<IResult> ShowDevice(
        HttpContext context, AuthDbContext db, IOpenIddictApplicationManager applications, IAntiforgery antiforgery)
    {
        OidcSignIn.NoStore(context);
        var request = Request(context);
        var userId = await OidcSignIn.UserIdAsync(context);
        if (userId is null)
        {
            return Results.Redirect($"{OidcPaths.SignIn}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
        }

        if (string.IsNullOrEmpty(request.UserCode)) return OidcPages.EnterCode();
        var result = await context.AuthenticateAsync(ServerScheme);
        if (!result.Succeeded) return OidcPages.EnterCode("This code is wrong, expired or already used. Check the code on your device.", StatusCodes.Status400BadRequest);

        var user = await db.Users.FindAsync([userId.Value], context.RequestAborted);
        if (user is null) return Results.Redirect($"{OidcPaths.SignIn}?returnUrl={Uri.EscapeDataString("/" + OidcPaths.Verify)}");
        var client = await applications.FindByClientIdAsync(result.Principal!.GetClaim(Claims.ClientId) ?? "", context.RequestAborted);
        var name = client is null ? "an unknown application" : await applications.GetLocalizedDisplayNameAsync(client, context.RequestAborted) ?? "an application";
        return OidcPages.ConfirmDevice(request.UserCode, name, user.Email, antiforgery.GetAndStoreTokens(context).RequestToken!);
    }

    public static async Task<IResult> ApproveDevice(HttpContext context, AuthDbContext db, IAntiforgery antiforgery, IAuditLog audit)
    {
        OidcSignIn.NoStore(context);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OidcPages.Message("Request expired", "The form expired or came from another site. Go back and try again.", StatusCodes.Status400BadRequest);
        }

        var request = Request(context);
        var userId = await OidcSignIn.UserIdAsync(context);
        if (userId is null) return Results.Redirect($"{OidcPaths.SignIn}?returnUrl={Uri.EscapeDataString("/" + OidcPaths.Verify)}");
        var result = await context.AuthenticateAsync(ServerScheme);
        if (!result.Succeeded) return OidcPages.EnterCode("This code is wrong, expired or already used. Check the code on your device.", StatusCodes.Status400BadRequest);

        var user = await db.Users.FindAsync([userId.Value], context.RequestAborted);
        var clientId = result.Principal!.GetClaim(Claims.ClientId);
        if ((await context.Request.ReadFormAsync(context.RequestAborted))["decision"] != "allow")
        {
            await audit.RecordAsync(context, AuditEventTypes.OidcAuthorize, AuditOutcomes.Failure, userId.ToString(), $"device for client {clientId}: denied by the user");
            return Refuse(Errors.AccessDenied, "The user denied the device.");
        }

        if (KeysMissing(context) is { } missing) return missing;
        if (await RefusalAsync(context, user, clientId) is { } refusal) return refusal;
        await audit.RecordAsync(context, AuditEventTypes.OidcAuthorize, AuditOutcomes.Success, user!.Id.ToString(), $"device for client {clientId}");
        return Results.SignIn(OidcClaims.For(user, result.Principal.GetScopes()), new AuthenticationProperties { RedirectUri = OidcPaths.DeviceDone }, ServerScheme);
    }

    /// <summary>Disabled, deleted or unverified accounts get <c>access_denied</c> with a description saying which.</summary>
    private static async Task<IResult?> RefusalAsync(HttpContext context, UserAccount? user, string? clientId)
    {
        if (user is { IsActive: true, EmailVerified: true }) return null;
        var audit = context.RequestServices.GetRequiredService<IAuditLog>();
        var reason = user is { IsActive: true } ? "email_unverified" : "account_disabled";
        await audit.RecordAsync(context, AuditEventTypes.OidcAuthorize, AuditOutcomes.Failure, user?.Id.ToString(), $"client {clientId}: {reason}");
        if (user is not { IsActive: true }) await context.SignOutAsync(OidcSignIn.Scheme);
        return Refuse(Errors.AccessDenied, user is { IsActive: true } ? Unverified : CannotSignIn);
    }

    /// <summary>Nothing is issued before the real keys are loaded (see <see cref="OidcKeyRing.Current"/>).</summary>
    private static IResult? KeysMissing(HttpContext context) =>
        context.RequestServices.GetRequiredService<OidcKeyRing>().IsLoaded
            ? null
            : Refuse(Errors.TemporarilyUnavailable, "The issuer's keys are not loaded yet. Try again shortly.");

    private static OpenIddictRequest Request(HttpContext context) => context.GetOpenIddictServerRequest()
        ?? throw new InvalidOperationException("OpenIddict did not pass this request through.");

    private static async Task<UserAccount?> FindAsync(AuthDbContext db, string? subject, CancellationToken cancellationToken) =>
        Guid.TryParse(subject, out var id) ? await db.Users.FindAsync([id], cancellationToken) : null;

    private static IResult Refuse(string error, string description) => Results.Forbid(Properties(error, description), [ServerScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
