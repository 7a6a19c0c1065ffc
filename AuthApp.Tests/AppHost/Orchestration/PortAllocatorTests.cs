using System.Net;
using System.Net.Sockets;
using AuthApp.Hosting;
using AuthApp.Hosting.Orchestration;

namespace AuthApp.Tests.AppHost.Orchestration;

public sealed class PortAllocatorTests
{
    [Fact]
    public void FreePortsAreDistinctAndBindable()
    {
        var allocator = new PortAllocator();

        var ports = Enumerable.Range(0, 20).Select(i => allocator.Allocate($"r{i}")).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.True(PortAllocator.IsFree(port)));
    }

    [Fact]
    public void ConfiguredFreePortIsHandedOutAsIs()
    {
        var free = new PortAllocator().Allocate("probe");

        Assert.Equal(free, new PortAllocator().Allocate("web", free));
    }

    [Fact]
    public void ConfiguredPortInUseIsRefusedWithAMessageNamingThePortAndTheSetting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<DistributedApplicationException>(() => new PortAllocator().Allocate("postgres", taken));

        Assert.Contains($"Port {taken} for 'postgres' is already in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppHost:Ports:postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePortIsNotHandedOutTwice()
    {
        var allocator = new PortAllocator();
        var first = allocator.Allocate("web");

        Assert.Throws<DistributedApplicationException>(() => allocator.Allocate("api", first));
    }
}
