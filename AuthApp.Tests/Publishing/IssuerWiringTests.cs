using System.Security.Cryptography.X509Certificates;
using System.Text;
using AuthApp.Aspirate.Kubernetes;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

/// <summary>
/// The minikube overlay as the API server's OpenID Connect issuer (decision 0091): https at the Ingress with a
/// certificate from the generated CA, the issuer URL in the api's settings, and the RBAC binding of an AuthApp role.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IssuerWiringTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [InlineData("minikube")]
    [InlineData("minikube-node-ports")]
    public void TheIngressServesBothHostsOverHttpsFromTheTlsSecret(string overlay)
    {
        var rendered = overlays[overlay];
        var ingress = Assert.Single(rendered.OfType<V1Ingress>());
        var tls = Assert.Single(ingress.Spec.Tls);

        Assert.Equal(MinikubeIssuer.TlsSecretName, tls.SecretName);
        Assert.Equal(["admin.books.test", "auth.books.test"], tls.Hosts.Order(StringComparer.Ordinal));
        var secret = rendered.OfType<V1Secret>().Single(s => s.Metadata.Name == MinikubeIssuer.TlsSecretName);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal("authapp", secret.Metadata.NamespaceProperty);
        Assert.Equal(["tls.crt", "tls.key"], secret.Data.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheApiPublishesTheHttpsIssuerTheApiServerIsGiven()
    {
        var settings = overlays["minikube"].OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("api-env", StringComparison.Ordinal));

        Assert.Equal("https://auth.books.test/", settings.Data["Oidc__Issuer"]);
        // The rest of the base settings survive the merge.
        Assert.Equal("true", settings.Data["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        var deployment = overlays["minikube"].OfType<V1Deployment>().Single(d => d.Metadata.Name == "api");
        Assert.Contains(deployment.Spec.Template.Spec.Containers[0].EnvFrom, e => e.ConfigMapRef?.Name == settings.Metadata.Name);
    }

    [Fact]
    public void EverySecretTheOverlayMakesIsInTheAppNamespace()
    {
        Assert.All(overlays["minikube"].OfType<V1Secret>(), s => Assert.Equal("authapp", s.Metadata.NamespaceProperty));
    }

    [Fact]
    public async Task ClusterAccessBindsThePrefixedAuthAppRoleToView()
    {
        var rendered = await RenderedOverlay.RenderAsync(Path.Combine(RepositoryPaths.AspirateOutput, "overlays", "minikube", "cluster-access"));

        var binding = Assert.Single(rendered.OfType<V1ClusterRoleBinding>());
        Assert.Equal(new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "view" }.Name, binding.RoleRef.Name);
        Assert.Equal("ClusterRole", binding.RoleRef.Kind);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("Group", "authapp:cluster-viewers"), (subject.Kind, subject.Name));
    }

    [Fact]
    public async Task TheTlsScriptMakesAServingCertificateThatChainsToItsCaAndKeepsTheCa()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "tls");

        var first = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "eng", "minikube-issuer-tls.sh"), folder]);
        Assert.True(first.ExitCode == 0, first.Error);
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.crt"));
        var second = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "eng", "minikube-issuer-tls.sh"), folder]);
        Assert.True(second.ExitCode == 0, second.Error);

        using var serving = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "tls.crt"), Path.Combine(folder, "tls.key"));
        Assert.True(serving.HasPrivateKey);
        Assert.True(serving.MatchesHostname("auth.books.test"));
        Assert.True(serving.MatchesHostname("admin.books.test"));
        Assert.False(serving.MatchesHostname("evil.books.test"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.crt")));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(serving), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        // Re-running renews the serving certificate under the same CA: nothing to re-distribute to the API server.
        Assert.Equal(ca.Thumbprint, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.crt")).Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "ca.key")) & (UnixFileMode)0b111_111_111);
        Assert.Contains("BEGIN CERTIFICATE", Encoding.ASCII.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "ca.crt"), TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }
}
