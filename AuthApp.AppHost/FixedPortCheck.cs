using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace AuthApp.AppHost;

/// <summary>
/// The fixed ports of a run (the dashboard's from the launch profile, the api's and web's proxies from theirs) are
/// tried before anything starts: a taken one otherwise ends in a Kestrel stack trace or DCP retrying for ever.
/// (Another process can still take a port just after the check; then Aspire's own error remains.)
/// </summary>
internal static class FixedPortCheck
{
    // The AppHost's own listeners, set by its launch profile (`dotnet run`, ./run.sh).
    private static readonly string[] AppHostUrls =
    [
        "ASPNETCORE_URLS",
        "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL",
        "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL",
        "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL",
    ];

    /// <summary>False, after one "Startup stopped: …" line per taken port on standard error, when a fixed port is in use.</summary>
    public static bool PortsAreFree(this IDistributedApplicationBuilder builder)
    {
        // Publishing binds nothing; under Aspire.Hosting.Testing DCP randomises every port, so none is fixed.
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts")) return true;

        var problems = AppHostProblems(builder).Concat(EndpointProblems(builder)).ToList();
        foreach (var problem in problems) Console.Error.WriteLine($"Startup stopped: {problem}");
        return problems.Count == 0;
    }

    private static IEnumerable<string> AppHostProblems(IDistributedApplicationBuilder builder) =>
        from key in AppHostUrls
        let urls = builder.Configuration[key]
        where !string.IsNullOrWhiteSpace(urls)
        from url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        where Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 && !IsFree(uri.Host, uri.Port)
        select $"{key}: port {new Uri(url).Port} ({url}) is in use by another process: stop it (another ./run.sh?), or change it in AuthApp.AppHost/Properties/launchSettings.json.";

    private static IEnumerable<string> EndpointProblems(IDistributedApplicationBuilder builder) =>
        from resource in builder.Resources
        from endpoint in resource.Annotations.OfType<EndpointAnnotation>()
        where endpoint.Port is > 0 && !IsFree(endpoint.TargetHost, endpoint.Port.Value)
        select $"{resource.Name} endpoint {endpoint.Name}: port {endpoint.Port} is in use by another process: stop it (another ./run.sh?), or change the port in the project's Properties/launchSettings.json.";

    private static bool IsFree(string host, int port)
    {
        var address = host switch
        {
            "localhost" or "*" or "+" or "" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        if (address is null) return true;
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // An address this machine does not have is not ours to judge: Aspire reports it.
            return true;
        }
    }
}
