using System.Text.Json;
using AuthApp.Kubectl.Credentials;

namespace AuthApp.Tests.Kubectl;

/// <summary>The client.authentication.k8s.io/v1 contract: what kubectl sends in KUBERNETES_EXEC_INFO and reads back.</summary>
public sealed class ExecCredentialTests
{
    [Fact]
    public void AnswerIsAV1ExecCredentialWithTheTokenAndAnRfc3339UtcExpiry()
    {
        var request = ExecCredentialWriter.ReadRequest("""{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":true}}""");

        var json = ExecCredentialWriter.Write(request, "header.payload.signature", new DateTimeOffset(2026, 11, 29, 7, 30, 5, TimeSpan.FromHours(2)));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("ExecCredential", root.GetProperty("kind").GetString());
        Assert.Equal("client.authentication.k8s.io/v1", root.GetProperty("apiVersion").GetString());
        Assert.True(root.GetProperty("spec").GetProperty("interactive").GetBoolean());
        Assert.Equal("header.payload.signature", root.GetProperty("status").GetProperty("token").GetString());
        Assert.Equal("2026-11-29T05:30:05Z", root.GetProperty("status").GetProperty("expirationTimestamp").GetString());
    }

    [Fact]
    public void WithoutExecInfoTheAnswerIsStillV1()
    {
        var json = ExecCredentialWriter.Write(ExecCredentialWriter.ReadRequest(null), "t.o.k", DateTimeOffset.UnixEpoch);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("client.authentication.k8s.io/v1", document.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("1970-01-01T00:00:00Z", document.RootElement.GetProperty("status").GetProperty("expirationTimestamp").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{}}""", "v1beta1")]
    [InlineData("""{"kind":"ExecCredential","spec":{}}""", "speaks client.authentication.k8s.io/v1 only")]
    [InlineData("not json", "is not an ExecCredential")]
    public void AnotherApiVersionOrGarbageIsRefusedByName(string execInfo, string expected)
    {
        var exception = Assert.Throws<PluginException>(() => ExecCredentialWriter.ReadRequest(execInfo));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
