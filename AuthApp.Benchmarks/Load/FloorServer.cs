using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// The floor every token check is compared with: a minimal ASP.NET Core endpoint in this process, on 127.0.0.1, doing
/// exactly one Redis GET against the system's Redis and writing the value. Nothing an endpoint does can cost less.
/// </summary>
internal sealed class FloorServer : IAsyncDisposable
{
    public const string Path = "/floor";

    private static readonly RedisKey Key = "authapp:bench:floor";

    private readonly WebApplication _app;
    private readonly ConnectionMultiplexer _redis;

    private FloorServer(WebApplication app, ConnectionMultiplexer redis, Uri address)
    {
        _app = app;
        _redis = redis;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FloorServer> StartAsync(string redisConnectionString)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnectionString);
        await redis.GetDatabase().StringSetAsync(Key, "floor");
        var builder = WebApplication.CreateSlimBuilder();
        // Request logging off, like a production API at Warning: the floor measures Redis and HTTP only.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var database = redis.GetDatabase();
        app.MapGet(Path, async () => (string?)await database.StringGetAsync(Key));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FloorServer(app, redis, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
