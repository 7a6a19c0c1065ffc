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
/// the token sliced out of the header as a string) against the current one (both on the stack, the header as a span,
/// and the thread's HMAC state kept between calls instead of a one-shot MAC per call).
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

    [Benchmark(Description = "stack buffers, one-shot HMACSHA256.HashData")]
    public string OneShot()
    {
        var token = _header.AsSpan("Bearer ".Length).Trim();
        Span<byte> utf8 = stackalloc byte[token.Length];
        Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, utf8, mac);
        return Convert.ToHexStringLower(mac);
    }

    [Benchmark(Description = "after: span of the header, stack buffers, kept HMAC state")]
    public string After() => _hasher.Hash(_header.AsSpan("Bearer ".Length).Trim());
}
