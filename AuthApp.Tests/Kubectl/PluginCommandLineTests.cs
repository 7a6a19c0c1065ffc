using System.Text;
using AuthApp.Kubectl.Cli;

namespace AuthApp.Tests.Kubectl;

/// <summary>The plugin's command line fails plainly, on standard error, with nothing on standard output for kubectl to misread.</summary>
public sealed class PluginCommandLineTests
{
    [Theory]
    [InlineData(new string[0], "--issuer-url")]
    [InlineData(new[] { "--issuer-url", "not a url" }, "--issuer-url must be an absolute https URL")]
    [InlineData(new[] { "--issuer-url", "ftp://auth.example/" }, "--issuer-url must be an absolute https URL")]
    [InlineData(new[] { "--issuer-url", "https://auth.example/", "--listen-port", "70000" }, "--listen-port must be between 0 and 65535")]
    public async Task BadArgumentsAreNamedAndNothingIsPrinted(string[] args, string expected)
    {
        var (exitCode, output, error) = await RunAsync(args, execInfo: null);

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOlderExecApiVersionIsRefusedBeforeAnySignIn()
    {
        var (exitCode, output, error) = await RunAsync(
            ["--issuer-url", "https://auth.example/"],
            """{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{}}""");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("speaks client.authentication.k8s.io/v1 only", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableCertificateAuthorityIsNamed()
    {
        var home = Directory.CreateTempSubdirectory("authapp-kubectl-ca-").FullName;
        try
        {
            var notPem = Path.Combine(home, "ca.crt");
            await File.WriteAllTextAsync(notPem, "not a certificate", TestContext.Current.CancellationToken);

            var (exitCode, output, error) = await RunAsync(
                ["--issuer-url", "https://auth.example/", "--certificate-authority", notPem, "--cache-dir", Path.Combine(home, "cache"), "--device"],
                execInfo: null);

            Assert.Equal(1, exitCode);
            Assert.Equal("", output);
            Assert.Contains($"--certificate-authority '{notPem}' holds no PEM certificate", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? execInfo)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var exitCode = await new PluginCommandLine(output, error, name => name == "KUBERNETES_EXEC_INFO" ? execInfo : null)
            .InvokeAsync(args, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
