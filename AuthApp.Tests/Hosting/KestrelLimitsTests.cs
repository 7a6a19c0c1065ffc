using System.Net;
using System.Text;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>S13 on the real server: a chunked body with no Content-Length is still cut at 64 KiB.</summary>
public sealed class KestrelLimitsTests(TestServices services)
{
    [Fact]
    public async Task ChunkedHugeJsonBodyIsRefusedWithAProblem()
    {
        await using var api = services.CreateApi();
        api.UseKestrel(0);
        api.StartServer();
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/users", new ChunkedContent("application/json", "{\"email\":\"" + new string('a', 100_000) + "\"}"), Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedHugeTokenFormIsRefusedWithAnOAuthError()
    {
        await using var api = services.CreateApi();
        api.UseKestrel(0);
        api.StartServer();
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/token", new ChunkedContent("application/x-www-form-urlencoded", "grant_type=password&password=" + new string('a', 100_000)), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    /// <summary>Content whose length is unknown up front, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(string mediaType, string body)
        {
            _body = Encoding.UTF8.GetBytes(body);
            Headers.ContentType = new(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _body.Length; offset += 8192)
            {
                await stream.WriteAsync(_body.AsMemory(offset, Math.Min(8192, _body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
