using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Tests.Infrastructure;

/// <summary>
/// The in-process test server has no client address; this sets one from the request header
/// <c>X-Test-Client-Address</c>, so tests can act as different clients. Tests only.
/// </summary>
public sealed class ClientAddressHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddressHeader>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A client that always sends the given address.</summary>
    public static HttpClient CreateClient(ApiFactory api, string address)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
