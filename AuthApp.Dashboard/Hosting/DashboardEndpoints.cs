using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AuthApp.Dashboard.Hosting;

/// <summary>
/// The dashboard's three ports, fixed once per run. Port 0 is resolved to a free port here, before anything
/// starts, so the orchestrator can hand the OTLP endpoint to projects as a plain value.
/// </summary>
internal sealed class DashboardEndpoints(IOptions<DashboardOptions> options)
{
    public int FrontendPort { get; } = Resolve(options.Value.Port);

    public int OtlpGrpcPort { get; } = Resolve(options.Value.OtlpGrpcPort);

    public int OtlpHttpPort { get; } = Resolve(options.Value.OtlpHttpPort);

    public Uri FrontendUrl => new($"http://localhost:{FrontendPort}");

    public Uri OtlpGrpcUrl => new($"http://localhost:{OtlpGrpcPort}");

    public Uri OtlpHttpUrl => new($"http://localhost:{OtlpHttpPort}");

    public string LoginUrl(string browserToken) => $"{FrontendUrl.OriginalString}/login?t={browserToken}";

    private static int Resolve(int configured)
    {
        if (configured != 0)
        {
            return configured;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
