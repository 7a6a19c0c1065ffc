using System.Net;
using System.Net.Http.Headers;
using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using AuthApp.Dashboard.Otlp.Proto.Common;
using AuthApp.Dashboard.Otlp.Proto.Trace;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace AuthApp.Tests.Dashboard;

public sealed class OtlpApiKeyTests : IAsyncLifetime
{
    private DashboardHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await DashboardHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    public static TheoryData<string> RefusedKeys => ["missing", "wrong", "repeated"];

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public async Task GrpcExportWithAMissingWrongOrRepeatedKeyIsUnauthenticated(string key)
    {
        using var channel = GrpcChannel.ForAddress(_host.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);

        var call = client.ExportAsync(OneSpan("refused"), Headers(key), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Empty(_host.Store.GetTraces());
    }

    [Fact]
    public async Task GrpcExportWithTheKeyIsStored()
    {
        using var channel = GrpcChannel.ForAddress(_host.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);

        await client.ExportAsync(OneSpan("accepted"), Headers("right"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(_host.Store.GetTraces(), t => t.Root.Name == "accepted");
    }

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public async Task HttpExportWithAMissingWrongOrRepeatedKeyIs401(string key)
    {
        using var client = new HttpClient();
        using var request = Post("/v1/traces", OneSpan("refused").ToByteArray(), "application/x-protobuf");
        foreach (var header in Headers(key))
        {
            request.Headers.Add(header.Key, header.Value);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_host.Store.GetTraces());
    }

    [Fact]
    public async Task HttpExportWithTheKeyAnswersTheProtobufResponse()
    {
        using var client = new HttpClient();
        using var request = Authorized(Post("/v1/traces", OneSpan("accepted").ToByteArray(), "application/x-protobuf"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Contains(_host.Store.GetTraces(), t => t.Root.Name == "accepted");
    }

    [Fact]
    public async Task HttpExportAsJsonIs415()
    {
        using var client = new HttpClient();
        using var request = Authorized(Post("/v1/traces", "{}"u8.ToArray(), "application/json"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HttpExportOverFourMebibytesIs400AndStoresNothing()
    {
        var big = OneSpan(new string('x', (4 * 1024 * 1024) + 10)).ToByteArray();
        using var client = new HttpClient();
        using var request = Authorized(Post("/v1/traces", big, "application/x-protobuf"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Store.GetTraces());
    }

    [Fact]
    public async Task HttpExportOfAMalformedBodyIs400()
    {
        using var client = new HttpClient();
        using var request = Authorized(Post("/v1/logs", [0xFF, 0xFF, 0xFF], "application/x-protobuf"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OtlpIsNotServedOnTheUiPortNorTheUiOnTheOtlpPort()
    {
        using var client = new HttpClient();
        using var onUi = Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(_host.FrontendUrl, "/v1/traces"))
        {
            Content = Protobuf(OneSpan("misrouted").ToByteArray(), "application/x-protobuf"),
        });

        using var uiAnswer = await client.SendAsync(onUi, TestContext.Current.CancellationToken);
        using var otlpAnswer = await client.GetAsync(new Uri(_host.OtlpHttpUrl, "/login"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, uiAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otlpAnswer.StatusCode);
        Assert.Empty(_host.Store.GetTraces());
    }

    private Metadata Headers(string key)
    {
        var metadata = new Metadata();
        switch (key)
        {
            case "right":
                metadata.Add("x-otlp-api-key", _host.ApiKey);
                break;
            case "wrong":
                metadata.Add("x-otlp-api-key", _host.ApiKey[..^1] + (_host.ApiKey[^1] == '0' ? '1' : '0'));
                break;
            case "repeated":
                metadata.Add("x-otlp-api-key", _host.ApiKey);
                metadata.Add("x-otlp-api-key", _host.ApiKey);
                break;
        }

        return metadata;
    }

    private HttpRequestMessage Post(string path, byte[] body, string contentType) =>
        new(HttpMethod.Post, new Uri(_host.OtlpHttpUrl, path)) { Content = Protobuf(body, contentType) };

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Add("x-otlp-api-key", _host.ApiKey);
        return request;
    }

    private static ByteArrayContent Protobuf(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    internal static ExportTraceServiceRequest OneSpan(string name) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "api" } } } },
                ScopeSpans =
                {
                    new ScopeSpans
                    {
                        Spans =
                        {
                            new Span
                            {
                                TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
                                SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64())),
                                Name = name,
                                StartTimeUnixNano = 1_700_000_000_000_000_000,
                                EndTimeUnixNano = 1_700_000_000_100_000_000,
                            },
                        },
                    },
                },
            },
        },
    };
}
