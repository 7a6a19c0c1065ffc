using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Admin;
using AuthApp.Api.Features.Compatibility;
using AuthApp.Api.Features.Introspection;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Sessions;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure.Input;
using Scalar.AspNetCore;

namespace AuthApp.Api.Infrastructure;

/// <summary>The middleware order and the endpoint table.</summary>
public static class AuthApiPipeline
{
    public static WebApplication UseAuthApi(this WebApplication app)
    {
        app.UseAccessLog();
        app.UseSecurityHeaders();
        app.UseLoadShedding();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRouteCapture();
        app.UseCors();
        app.UseRateLimiter();
        app.UseRequestBodyLimit();
        app.UseAuthenticationWhereCredentials();
        app.UseAuthorization();
        app.UseStorableInput();
        return app;
    }

    public static WebApplication MapAuthApi(this WebApplication app)
    {
        app.MapUserApi();
        app.MapSessionApi();
        app.MapAuditApi();
        app.MapTokenApi();
        app.MapIntrospectionApi();
        app.MapCompatibilityApi();
        app.MapAdminApi();
        app.MapOpenIdConnectApi();
        app.MapOpenIdConnectAdminApi();
        app.MapOpenApi();
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
        return app;
    }
}
