using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Tests.AdminSite;

/// <summary>The bootstrap admin of a running AuthApp, read from the AppHost's parameters.</summary>
internal static class BootstrapAdminCredentials
{
    /// <summary>The email has a default; the password was generated for this run.</summary>
    public static (string Email, string Password) BootstrapAdmin(this DistributedApplication app)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        return (((ParameterResource)model["admin-email"]).Value, ((ParameterResource)model["admin-password"]).Value);
    }
}
