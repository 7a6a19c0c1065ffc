using AuthApp.Dashboard.Authentication;
using AuthApp.Dashboard.Components;
using AuthApp.Dashboard.Otlp;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting;
using AuthApp.Hosting.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.FluentUI.AspNetCore.Components;

namespace AuthApp.Dashboard.Hosting;

/// <summary>
/// Builds the dashboard's own web application inside the AppHost: its own Kestrel and container, sharing
/// the AppHost's resource services, telemetry store and logging.
/// </summary>
internal static class DashboardWebApplication
{
    public static WebApplication Build(IServiceProvider appHost)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The static web asset manifests are named after this assembly.
            ApplicationName = typeof(DashboardWebApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Only what is set here: the AppHost's ASPNETCORE_URLS or appsettings must not move the dashboard.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.ClearProviders()
            .AddProvider(new AppHostLoggerProvider(appHost.GetRequiredService<ILoggerFactory>()))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning);
        ShareAppHostServices(builder.Services, appHost);
        ConfigureKestrel(builder.WebHost, appHost.GetRequiredService<DashboardEndpoints>());

        // Keys live in memory only: the cookie dies with the run, like the token that granted it.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddBrowserTokenAuthentication();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<OtlpApiKeyInterceptor>());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseRouting();
        app.Use(DashboardPortRouting.KeepEndpointsOnTheirPort);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGrpcService<OtlpGrpcTraceService>().WithMetadata(new DashboardPortMetadata(DashboardPort.OtlpGrpc)).AllowAnonymous();
        app.MapGrpcService<OtlpGrpcLogsService>().WithMetadata(new DashboardPortMetadata(DashboardPort.OtlpGrpc)).AllowAnonymous();
        app.MapGrpcService<OtlpGrpcMetricsService>().WithMetadata(new DashboardPortMetadata(DashboardPort.OtlpGrpc)).AllowAnonymous();
        app.MapOtlpHttp();
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/_framework/blazor.web.js", BlazorScript).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void ShareAppHostServices(IServiceCollection services, IServiceProvider appHost)
    {
        services.AddSingleton(appHost.GetRequiredService<TelemetryStore>());
        services.AddSingleton(appHost.GetRequiredService<DashboardSecrets>());
        services.AddSingleton(appHost.GetRequiredService<ResourceNotificationService>());
        services.AddSingleton(appHost.GetRequiredService<ResourceLoggerService>());
        if (appHost.GetService<IResourceCommandService>() is { } commands)
        {
            services.AddSingleton(commands);
        }

        if (appHost.GetService<DistributedApplicationModel>() is { } model)
        {
            services.AddSingleton(model);
        }
    }

    private static void ConfigureKestrel(IWebHostBuilder webHost, DashboardEndpoints endpoints) =>
        webHost.ConfigureKestrel(kestrel =>
        {
            // Localhost only (IPv4 and IPv6 loopback): the dashboard shows secrets of the whole application.
            kestrel.ListenLocalhost(endpoints.FrontendPort, l => l.TagConnections(DashboardPort.Frontend).Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.ListenLocalhost(endpoints.OtlpGrpcPort, l => l.TagConnections(DashboardPort.OtlpGrpc).Protocols = HttpProtocols.Http2);
            kestrel.ListenLocalhost(endpoints.OtlpHttpPort, l => l.TagConnections(DashboardPort.OtlpHttp).Protocols = HttpProtocols.Http1AndHttp2);
        });

    private static IResult BlazorScript() =>
        Results.Stream(typeof(DashboardWebApplication).Assembly.GetManifestResourceStream("blazor.web.js")!, "text/javascript");
}
