using System.Security.Cryptography;
using System.Text;
using AuthApp.Api.Features.Tokens;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthApp.Benchmarks.HotPath;

/// <summary>
/// The HMAC of a presented token, done on every token check: the issue-10 code (UTF-8 bytes and MAC as heap arrays,
/// the token sliced out of the header as a string) against the current one (both on the stack, the header as a span).
/// </summary>
[MemoryDiagnoser]
public class TokenHashingBenchmarks
{
    private readonly string _header = "Bearer " + TokenFormat.NewAccessToken();
    private byte[] _key = null!;
    private TokenHasher _hasher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = RandomNumberGenerator.GetBytes(32);
        var options = Options.Create(new AccessTokenOptions { TokenHashKey = Convert.ToBase64String(_key) });
        _hasher = new TokenHasher(options, new HostingEnvironment { EnvironmentName = Environments.Production }, NullLogger<TokenHasher>.Instance);
    }

    [Benchmark(Baseline = true, Description = "before: substring, byte[] and MAC arrays")]
    public string Before() => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(_header["Bearer ".Length..].Trim())));

    [Benchmark(Description = "after: span of the header, stack buffers")]
    public string After() => _hasher.Hash(_header.AsSpan("Bearer ".Length).Trim());
}
