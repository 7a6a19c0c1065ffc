using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A fixed port another process holds: Kestrel would fail inside the host's start and log a stack trace, so the
/// port is tried first. (A race with another process taking it in between still ends in Kestrel's own error.)
/// </summary>
internal static class FixedPorts
{
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls)) yield break;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Endpoint(url) is not { Port: > 0 } endpoint || IsFree(endpoint)) continue;
            yield return $"urls: port {endpoint.Port} ({url}) is in use by another process: stop it, or choose another port with --urls or ASPNETCORE_URLS.";
        }
    }

    private static IPEndPoint? Endpoint(string url)
    {
        // Kestrel's wildcards ("http://*:5080", "http://+:5080") are not valid URI hosts.
        var normalised = url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri)) return null;
        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "any" => IPAddress.Any,
            var host => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }

    private static bool IsFree(IPEndPoint endpoint)
    {
        try
        {
            using var listener = new TcpListener(endpoint);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (an address this machine does not have): Kestrel reports it.
            return true;
        }
    }
}
