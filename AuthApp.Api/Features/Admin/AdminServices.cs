using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Admin;

/// <summary>What the admin feature registers: its services and the bootstrap settings.</summary>
public static class AdminServices
{
    public static IServiceCollection AddAdminServices(this IServiceCollection services)
    {
        services.AddCheckedOptions<BootstrapOptions>(BootstrapOptions.Section);
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddScoped<AdminUserChanges>();
        services.AddScoped<AdminSessions>();
        services.AddScoped<AdminBootstrap>();
        services.AddScoped<Clients.ClientChanges>();
        return services;
    }
}
