using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AuthApp.Api.Features.Introspection;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AuthApp.Benchmarks.HotPath;

/// <summary>
/// Introspection client authentication per request: the issue-10 code (header parsed with AuthenticationHeaderValue,
/// both secrets hashed on every call) against the current one (secret digests computed once, decoding on the stack).
/// </summary>
[MemoryDiagnoser]
public class ClientAuthenticationBenchmarks
{
    private const string ClientId = "orders-api";
    private const string Secret = "orders-api-secret-for-benchmarks";

    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal) { [ClientId] = Secret };
    private IntrospectionClientAuthenticator _authenticator = null!;
    private HttpRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new IntrospectionOptions { IntrospectionClients = _clients };
        _authenticator = new IntrospectionClientAuthenticator(new StaticOptionsMonitor(options));
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{Secret}"));
        _request = context.Request;
    }

    [GlobalCleanup]
    public void Cleanup() => _authenticator.Dispose();

    [Benchmark(Baseline = true, Description = "before: parse header, hash both secrets")]
    public string? Before() => BeforeAuthenticate(_request, _clients);

    [Benchmark(Description = "after: digests precomputed, stack decoding")]
    public string? After() => _authenticator.Authenticate(_request);

    /// <summary>The issue-10 implementation, kept here as the baseline.</summary>
    private static string? BeforeAuthenticate(HttpRequest request, Dictionary<string, string> clients)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        var known = clients.TryGetValue(clientId, out var expected);
        var match = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? string.Empty)));
        return known && match ? clientId : null;
    }

    private sealed class StaticOptionsMonitor(IntrospectionOptions value) : IOptionsMonitor<IntrospectionOptions>
    {
        public IntrospectionOptions CurrentValue => value;

        public IntrospectionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IntrospectionOptions, string?> listener) => null;
    }
}
