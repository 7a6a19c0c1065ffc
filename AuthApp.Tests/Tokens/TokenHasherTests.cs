using System.Security.Cryptography;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// Decision 0105: the hasher keeps an HMAC state per thread and key and resets it after each hash. Whatever came before
/// on the thread (other keys, more keys than a thread keeps), every hash must equal a fresh HMAC of the token.
/// </summary>
public sealed class TokenHasherTests
{
    [Fact]
    public async Task EveryHashEqualsAFreshHmacUnderTheKeyTheTokenNamesOnEveryThread()
    {
        var ring = new Dictionary<string, string> { ["ka"] = NewKey(), ["kb"] = NewKey() };
        var legacy = NewKey();
        var hasher = Hasher(legacy, ring, current: "ka");
        var expected = new TokenHasherForTests(legacy, ring);

        // Tokens of both ring keys and of the legacy format, interleaved, on several threads at once.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var token = (i % 3) switch
                {
                    0 => TokenFormat.NewAccessToken("ka"),
                    1 => TokenFormat.NewRefreshToken("kb"),
                    _ => TokenFormat.NewAccessToken(),
                };
                Assert.Equal(expected.Hash(token), hasher.Hash(token));
            }
        })));
    }

    [Fact]
    public void HashesStayRightWhenOneThreadUsesMoreKeysThanItKeeps()
    {
        // Each hasher has its own legacy key: twelve keys in turn on this one thread.
        var keys = Enumerable.Range(0, 12).Select(_ => NewKey()).ToList();
        var hashers = keys.Select(key => Hasher(key, ring: [], current: null)).ToList();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var token = TokenFormat.NewAccessToken();
                Assert.Equal(new TokenHasherForTests(keys[i]).Hash(token), hashers[i].Hash(token));
            }
        }
    }

    private static TokenHasher Hasher(string legacy, Dictionary<string, string> ring, string? current)
    {
        var options = Options.Create(new AccessTokenOptions { TokenHashKey = legacy, TokenHashKeys = ring, CurrentTokenHashKey = current });
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production };
        return new TokenHasher(options, environment, NullLogger<TokenHasher>.Instance);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
