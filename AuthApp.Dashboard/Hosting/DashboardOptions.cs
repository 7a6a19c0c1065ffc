namespace AuthApp.Dashboard.Hosting;

/// <summary>Settings of the dashboard (configuration section <c>Dashboard</c>). A port of 0 picks a free one.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Whether the AppHost serves the dashboard when it runs the application. Default <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port of the UI (<c>Dashboard:Port</c>). Default 18888.</summary>
    public int Port { get; set; } = 18888;

    /// <summary>Port of the OTLP/gRPC receiver (<c>Dashboard:OtlpGrpcPort</c>). Default 18889.</summary>
    public int OtlpGrpcPort { get; set; } = 18889;

    /// <summary>Port of the OTLP/HTTP receiver (<c>Dashboard:OtlpHttpPort</c>). Default 18890.</summary>
    public int OtlpHttpPort { get; set; } = 18890;

    /// <summary>Protocol projects export with (<c>Dashboard:OtlpProtocol</c>): <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
