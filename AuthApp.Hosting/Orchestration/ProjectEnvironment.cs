using System.Collections.Immutable;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.Options;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// The environment a project receives, with Aspire's exact variable names: its URL and environment name,
/// OpenTelemetry identity and settings, the OTLP exporter when a dashboard runs, then the model's references.
/// </summary>
internal sealed class ProjectEnvironment(IOptions<AppHostOptions> options, IServiceProvider services)
{
    private const string Development = "Development";

    public async Task<ImmutableArray<EnvironmentVariableSnapshot>> BuildAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        var variables = new List<EnvironmentVariableSnapshot>();
        void Add(string name, string? value, bool isSecret = false) => variables.Add(new(name, value, isSecret));

        var http = project.GetEndpoint("http").Annotation.AllocatedEndpoint
            ?? throw new InvalidOperationException($"Project '{project.Name}' has no port yet.");
        var environment = options.Value.Environment;
        Add("ASPNETCORE_URLS", http.Url);
        Add("ASPNETCORE_ENVIRONMENT", environment);
        Add("DOTNET_ENVIRONMENT", environment);
        Add("LOGGING__CONSOLE__FORMATTERNAME", "simple");
        Add("OTEL_SERVICE_NAME", project.Name);
        Add("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={ParameterGenerator.InstanceId()}");
        Add("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true");
        Add("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true");
        Add("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory");
        if (string.Equals(environment, Development, StringComparison.OrdinalIgnoreCase))
        {
            // Short export intervals so the dashboard shows telemetry within a second.
            Add("OTEL_BLRP_SCHEDULE_DELAY", "1000");
            Add("OTEL_BSP_SCHEDULE_DELAY", "1000");
            Add("OTEL_METRIC_EXPORT_INTERVAL", "1000");
            Add("OTEL_TRACES_SAMPLER", "always_on");
        }

        if (services.GetService(typeof(OtlpExporterSettings)) is OtlpExporterSettings otlp)
        {
            Add("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.Endpoint.ToString().TrimEnd('/'));
            Add("OTEL_EXPORTER_OTLP_PROTOCOL", otlp.Protocol);
            Add("OTEL_EXPORTER_OTLP_HEADERS", $"x-otlp-api-key={otlp.ApiKey}", isSecret: true);
        }

        var context = new EnvironmentCallbackContext(DistributedApplicationOperation.Run, new Dictionary<string, object>(StringComparer.Ordinal));
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        foreach (var (name, value) in context.EnvironmentVariables)
        {
            variables.RemoveAll(v => v.Name == name);
            Add(name, await ResolveAsync(value, cancellationToken), IsSecret(value));
        }

        return [.. variables];
    }

    private static async ValueTask<string?> ResolveAsync(object value, CancellationToken cancellationToken) => value switch
    {
        string text => text,
        IValueProvider provider => await provider.GetValueAsync(cancellationToken),
        _ => value.ToString(),
    };

    /// <summary>Secret parameters and connection strings (which hold passwords) are masked by viewers.</summary>
    private static bool IsSecret(object value) => value switch
    {
        ParameterResource parameter => parameter.Secret,
        ConnectionStringReference or ReferenceExpression => true,
        _ => false,
    };
}
