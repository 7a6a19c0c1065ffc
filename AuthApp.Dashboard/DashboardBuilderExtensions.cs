using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthApp.Dashboard;

/// <summary><c>builder.AddDashboard()</c>: serve the telemetry dashboard from the AppHost.</summary>
public static class DashboardBuilderExtensions
{
    /// <summary>
    /// Adds the dashboard (UI, OTLP receivers, telemetry store) when the application runs and
    /// <c>Dashboard:Enabled</c> is not false; publishing never starts it.
    /// </summary>
    public static IDistributedApplicationBuilder AddDashboard(this IDistributedApplicationBuilder builder)
    {
        if (builder.Operation != DistributedApplicationOperation.Run
            || string.Equals(builder.Configuration["Dashboard:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        builder.Services.AddDashboardServices();
        return builder;
    }

    /// <summary>The dashboard's services on any host that has the resource notification and logger services.</summary>
    internal static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddOptions<TelemetryLimits>().BindConfiguration("Dashboard:Telemetry").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardEndpoints>();
        services.AddSingleton<DashboardSecrets>();
        services.AddSingleton<TelemetryStore>();
        services.AddSingleton(ExporterSettings);
        services.AddSingleton<ISummaryLineProvider, DashboardSummaryLines>();
        services.AddHostedService<DashboardHostedService>();
        return services;
    }

    private static OtlpExporterSettings ExporterSettings(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<DashboardEndpoints>();
        var protocol = services.GetRequiredService<IOptions<DashboardOptions>>().Value.OtlpProtocol;
        return new OtlpExporterSettings
        {
            Endpoint = protocol == "grpc" ? endpoints.OtlpGrpcUrl : endpoints.OtlpHttpUrl,
            Protocol = protocol,
            ApiKey = services.GetRequiredService<DashboardSecrets>().OtlpApiKey,
        };
    }
}
