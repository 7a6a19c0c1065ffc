using System.Net;
using System.Net.Sockets;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Hands out loopback ports: a configured one when it is free, else a free one chosen by the OS.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _lock = new();

    /// <summary>Returns <paramref name="requested"/> when free, or a free port when none is requested.</summary>
    /// <exception cref="DistributedApplicationException">The requested port is taken.</exception>
    public int Allocate(string owner, int? requested = null)
    {
        lock (_lock)
        {
            if (requested is { } port)
            {
                if (_handedOut.Contains(port) || !IsFree(port))
                {
                    throw new DistributedApplicationException(
                        $"Port {port} for '{owner}' is already in use. Stop the program listening there (see `ss -ltnp 'sport = :{port}'`) " +
                        $"or choose another port with AppHost:Ports:{owner}.");
                }

                _handedOut.Add(port);
                return port;
            }

            while (true)
            {
                var free = TakeFreePort();
                if (_handedOut.Add(free))
                {
                    return free;
                }
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int TakeFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
