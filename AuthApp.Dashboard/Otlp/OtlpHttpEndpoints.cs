using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Otlp.Proto.Collector.Logs;
using AuthApp.Dashboard.Otlp.Proto.Collector.Metrics;
using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using AuthApp.Dashboard.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AuthApp.Dashboard.Otlp;

/// <summary>OTLP/HTTP with protobuf bodies: <c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>.</summary>
internal static class OtlpHttpEndpoints
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    private const string Protobuf = "application/x-protobuf";

    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1")
            .WithMetadata(new DashboardPortMetadata(DashboardPort.OtlpHttp))
            .AllowAnonymous()
            .AddEndpointFilter(RequireApiKey);
        group.MapPost("/traces", (HttpContext context, TelemetryStore store) =>
            Receive(context, ExportTraceServiceRequest.Parser, store.Add, new ExportTraceServiceResponse()));
        group.MapPost("/logs", (HttpContext context, TelemetryStore store) =>
            Receive(context, ExportLogsServiceRequest.Parser, store.Add, new ExportLogsServiceResponse()));
        group.MapPost("/metrics", (HttpContext context, TelemetryStore store) =>
            Receive(context, ExportMetricsServiceRequest.Parser, store.Add, new ExportMetricsServiceResponse()));
        return endpoints;
    }

    private static async ValueTask<object?> RequireApiKey(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        return OtlpApiKeyCheck.IsAuthorized(context, context.RequestServices.GetRequiredService<DashboardSecrets>())
            ? await next(invocation)
            : Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "OTLP API key required",
                detail: $"Send the run's key in exactly one '{OtlpApiKeyCheck.HeaderName}' header.");
    }

    private static async Task<IResult> Receive<TRequest>(
        HttpContext context, MessageParser<TRequest> parser, Action<TRequest> store, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"OTLP/HTTP bodies must be '{Protobuf}'.");
        }

        var body = await OtlpBodyReader.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Body too large",
                detail: $"OTLP/HTTP bodies are limited to {MaxBodyBytes} bytes.");
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed OTLP body",
                detail: "The body is not a valid protobuf export request.");
        }

        store(request);
        return Results.Bytes(response.ToByteArray(), Protobuf);
    }
}
