using AuthApp.Api.Features.Admin;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The server-side check for admin endpoints (S14): an authenticated caller whose account holds the
/// role <c>admin</c>. Anonymous callers get 401, others 403, both with a problem body.
/// Roles are read from the account row on each request (see <c>BearerTokenHandler</c>), so a demotion counts at once.
/// </summary>
public static class AdminAuthorization
{
    public const string PolicyName = "admin";

    /// <summary>Registers the <see cref="PolicyName"/> policy.</summary>
    public static IServiceCollection AddAdminAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy.RequireAuthenticatedUser().RequireRole(RoleNames.Admin))
            .Services;

    /// <summary>Restricts an endpoint or group to admins: <c>app.MapGroup("/admin").RequireAdmin()</c>.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName);
}
