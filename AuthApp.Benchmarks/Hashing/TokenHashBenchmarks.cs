using System.Security.Cryptography;
using System.Text;
using AuthApp.Api.Features.Tokens;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthApp.Benchmarks.Hashing;

/// <summary>
/// The API's <see cref="TokenHasher"/> (HMAC-SHA256 under the token-hash key, hex) on every authenticated request,
/// against an unkeyed SHA-256 of the same token: the ratio is what keying the stored hashes costs.
/// </summary>
// Public and unsealed: BenchmarkDotNet derives from benchmark classes and refuses sealed or non-public ones.
public class TokenHashBenchmarks
{
    private TokenHasher _hasher = null!;
    private string _token = null!;

    [GlobalSetup]
    public void CreateHasher()
    {
        var options = Options.Create(new AccessTokenOptions { TokenHashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        _hasher = new TokenHasher(options, new HostingEnvironment { EnvironmentName = "Production" }, NullLogger<TokenHasher>.Instance);
        // An access token in the API's own format, so its length and alphabet match what the API hashes.
        _token = TokenFormat.NewAccessToken();
    }

    [Benchmark(Baseline = true, Description = "SHA-256 (unkeyed), hex")]
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_token)));

    [Benchmark(Description = "TokenHasher: HMAC-SHA256, hex")]
    public string TokenHasherHash() => _hasher.Hash(_token);
}
