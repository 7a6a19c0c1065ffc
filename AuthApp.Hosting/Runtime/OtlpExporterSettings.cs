namespace AuthApp.Hosting.Runtime;

/// <summary>
/// Where projects send telemetry. Registered in DI by the dashboard when it runs; the orchestrator turns it
/// into <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and <c>OTEL_EXPORTER_OTLP_HEADERS</c>.
/// </summary>
public sealed class OtlpExporterSettings
{
    /// <summary>The receiver's URL, e.g. <c>http://localhost:18889</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The per-run key sent as <c>x-otlp-api-key</c>.</summary>
    public required string ApiKey { get; init; }
}
