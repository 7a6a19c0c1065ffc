using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry setup shared by every service.</summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Logs, metrics and traces, exported over OTLP when an endpoint is configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes would drown the traces that matter.
                    options.Filter = context => !IsProbe(context.Request.Path);
                    // Blazor's .NET 10 component spans start new traces (linked, not parented), which would cut a
                    // form post off from the API calls it makes; without them those calls stay in the request's trace.
                    options.EnableRazorComponentsSupport = false;
                })
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Adds a service's own activity source and meter (same name) to the pipeline.</summary>
    public static IServiceCollection AddTelemetrySource(this IServiceCollection services, string name)
    {
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(name))
            .WithMetrics(metrics => metrics.AddMeter(name));
        return services;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
        || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath);
}
