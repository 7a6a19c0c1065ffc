using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuthApp.Kubectl.SignIn;

/// <summary>
/// The HTTP handler for every call to the issuer. With <c>--certificate-authority</c> the issuer's certificate may
/// also chain to that CA (minikube's issuer has a generated one); the host name must match either way.
/// </summary>
internal static class IssuerHttp
{
    public static SocketsHttpHandler CreateHandler(string? certificateAuthorityFile)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (certificateAuthorityFile is null)
        {
            return handler;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(certificateAuthorityFile);
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new Credentials.PluginException($"--certificate-authority '{certificateAuthorityFile}' could not be read as PEM certificates: {exception.Message}");
        }

        if (authorities.Count == 0)
        {
            throw new Credentials.PluginException($"--certificate-authority '{certificateAuthorityFile}' holds no PEM certificate.");
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && ChainsTo(certificate, authorities));
        return handler;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);

        // A private CA publishes no revocation lists.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
