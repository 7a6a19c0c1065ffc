using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AuthApp.Tests.Kubectl;

/// <summary>What the test API server made of one bearer token, as the Kubernetes API server would.</summary>
public sealed record ApiCaller(string Token, string UserName, IReadOnlyList<string> Groups, DateTimeOffset Expires)
{
    // Assertion messages show who called, not the whole token.
    public override string ToString() => $"{UserName} [{string.Join(", ", Groups)}] until {Expires:O}";
}

/// <summary>
/// A stand-in for the Kubernetes API server's OIDC authenticator, over HTTPS with a certificate made for the test:
/// it takes <c>Authorization: Bearer &lt;id_token&gt;</c>, validates it against the issuer's JWKS found through
/// discovery (issuer, audience = client id, expiry, RS256, <c>email_verified</c>), takes <c>email</c> as the user
/// name and <c>groups</c> as the groups, and answers like the real server (an empty PodList, or 401 Status).
/// </summary>
public sealed class TestKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _discovery;
    private readonly string _issuer;
    private readonly string _clientId;

    private TestKubernetesApi(WebApplication app, X509Certificate2 certificate, string issuer, string clientId)
    {
        _app = app;
        Certificate = certificate;
        _issuer = issuer;
        _clientId = clientId;

        // Like the API server, it finds the keys through discovery; a loopback test issuer may be plain http.
        _discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{issuer.TrimEnd('/')}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = !issuer.StartsWith("http://127.0.0.1", StringComparison.Ordinal) && !issuer.StartsWith("http://localhost", StringComparison.Ordinal) });
        _discovery.RefreshInterval = TimeSpan.FromSeconds(1); // an unknown key id may fetch the keys again at once
    }

    public X509Certificate2 Certificate { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every request whose token validated, in order.</summary>
    public ConcurrentQueue<ApiCaller> Callers { get; } = new();

    /// <summary>Why tokens were refused, in order.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<TestKubernetesApi> StartAsync(string issuer, string clientId)
    {
        var certificate = SelfSignedLoopbackCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var api = new TestKubernetesApi(app, certificate, issuer, clientId);
        app.Run(api.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        api.Address = new Uri(app.Urls.Single());
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            Refusals.Enqueue("no bearer token");
            await UnauthorizedAsync(context);
            return;
        }

        var token = header["Bearer ".Length..];
        var result = await ValidateAsync(token, context.RequestAborted);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // As the API server does (go-oidc's remote key set): a key id it has not seen makes it fetch the keys again,
            // so a token signed after a key rotation elsewhere (other tests share the issuer's database) is checked.
            _discovery.RequestRefresh();
            result = await ValidateAsync(token, context.RequestAborted);
        }

        var email = result.IsValid ? result.ClaimsIdentity.FindFirst("email")?.Value : null;
        var verified = result.IsValid && result.ClaimsIdentity.FindFirst("email_verified")?.Value is "true" or "True";
        if (email is null || !verified)
        {
            // The API server's own words: it refuses an email that is not verified.
            Refusals.Enqueue(result.IsValid ? "oidc: email not verified" : result.Exception?.Message ?? "invalid token");
            await UnauthorizedAsync(context);
            return;
        }

        var groups = result.ClaimsIdentity.FindAll("groups").Select(c => c.Value).ToList();
        Callers.Enqueue(new ApiCaller(token, email, groups, ((JsonWebToken)result.SecurityToken).ValidTo));
        await context.Response.WriteAsJsonAsync(
            new Dictionary<string, object> { ["kind"] = "PodList", ["apiVersion"] = "v1", ["metadata"] = new Dictionary<string, string>(), ["items"] = Array.Empty<object>() },
            context.RequestAborted);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await _discovery.GetConfigurationAsync(cancellationToken);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudience = _clientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
    }

    private static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = "Unauthorized", ["reason"] = "Unauthorized", ["code"] = 401,
        });
    }

    /// <summary>A certificate for https://127.0.0.1 that the kubeconfig names as the cluster's CA.</summary>
    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=authapp-test-kubernetes-api", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2));

        // Through PKCS#12 so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
