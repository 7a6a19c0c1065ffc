using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AuthApp.Dashboard.Hosting;

/// <summary>Which of the dashboard's listeners a connection came in on.</summary>
internal enum DashboardPort
{
    Frontend,
    OtlpGrpc,
    OtlpHttp,
}

/// <summary>Endpoint metadata: the listener an endpoint is served on (endpoints without it belong to the frontend).</summary>
internal sealed record DashboardPortMetadata(DashboardPort Port);

/// <summary>
/// Keeps each listener to its own endpoints: OTLP is not reachable on the UI port and the UI not on the OTLP
/// ports. Listeners tag their connections; a middleware after routing compares the tag with the endpoint.
/// </summary>
internal static class DashboardPortRouting
{
    public static ListenOptions TagConnections(this ListenOptions listen, DashboardPort port)
    {
        listen.Use(next => connection =>
        {
            connection.Items[typeof(DashboardPort)] = port;
            return next(connection);
        });
        return listen;
    }

    public static DashboardPort ListenerOf(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(DashboardPort), out var port) == true
            ? (DashboardPort)port!
            : DashboardPort.Frontend;

    public static async Task KeepEndpointsOnTheirPort(HttpContext context, RequestDelegate next)
    {
        var wanted = context.GetEndpoint()?.Metadata.GetMetadata<DashboardPortMetadata>()?.Port ?? DashboardPort.Frontend;
        if (wanted != ListenerOf(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}
