using System.Net;
using System.Security.Cryptography;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// Decision 0093: several token-hash keys, each token naming its own. Each step is a restart with the next settings
/// (the rotation tests in <c>Rotation/</c> change them while the API runs); all APIs share the test Redis.
/// </summary>
public sealed class TokenHashKeyRingTests(TestServices services)
{
    private static readonly string KeyA = NewKey();
    private static readonly string KeyB = NewKey();

    [Fact] // S6
    public async Task TokensOfKeyAStillWorkAfterKeyBBecomesCurrentAndNewTokensUseB()
    {
        var ring = new Dictionary<string, string> { ["ka"] = KeyA, ["kb"] = KeyB };
        var (email, password, accessA, refreshA) = await LoginUnderAsync(Ring(("ka", KeyA)), "ka");

        await using var api = services.CreateApi(Ring(("ka", KeyA), ("kb", KeyB), current: "kb"));
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(accessA));
        Assert.Equal(HttpStatusCode.OK, await IntrospectStatusAsync(client, accessA));
        var (accessB, refreshB) = await client.RefreshPairAsync(refreshA); // the session survives the switch
        var (loginAccess, _) = await client.LoginPairAsync(email, password);
        foreach (var token in new[] { accessB, refreshB, loginAccess })
        {
            Assert.Equal("kb", TokenHasherForTests.KeyIdOf(token));
        }

        // Redis holds the new tokens under key B's HMAC, computed independently of the API.
        var stored = await services.RedisClient.GetDatabase().HashGetAsync(TokenStore.TokenKey(new TokenHasherForTests(ring: ring).Hash(accessB)), "kind");
        Assert.Equal(TokenKinds.Access, stored.ToString());
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(accessB));
    }

    [Fact]
    public async Task RemovingKeyAEndsOnlyTheTokensOfKeyA()
    {
        var (_, _, accessA, refreshA) = await LoginUnderAsync(Ring(("ka", KeyA), ("kb", KeyB), current: "ka"), "ka");
        var (_, _, accessB, refreshB) = await LoginUnderAsync(Ring(("ka", KeyA), ("kb", KeyB), current: "kb"), "kb");

        await using var api = services.CreateApi(Ring(("kb", KeyB)));
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync(accessA));
        Assert.Equal(HttpStatusCode.OK, await IntrospectStatusAsync(client, accessA)); // 200 with active=false
        Assert.False((await (await client.IntrospectAsync(accessA)).ReadJsonAsync()).GetProperty("active").GetBoolean());
        using (var refused = await client.RefreshAsync(refreshA))
        {
            Assert.Equal("invalid_grant", (await refused.ReadJsonAsync()).GetProperty("error").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(accessB));
        Assert.Equal("kb", TokenHasherForTests.KeyIdOf((await client.RefreshPairAsync(refreshB)).Access));
    }

    [Fact] // an upgrade logs nobody out
    public async Task TokensInTheFormatBeforeTheRingKeepWorkingUnderTheLegacyKey()
    {
        using var shared = services.Api.CreateClient();
        var (email, password, _) = await shared.RegisterAsync();
        var (legacyAccess, legacyRefresh) = await shared.LoginPairAsync(email, password);
        Assert.Equal(TokenFormat.AccessTokenLength, legacyAccess.Length);
        Assert.Null(TokenHasherForTests.KeyIdOf(legacyAccess));

        // The legacy key stays (the shared settings keep Auth:TokenHashKey) while the ring is added and made current.
        await using var api = services.CreateApi(settings =>
        {
            settings["Auth:TokenHashKeys:kb"] = KeyB;
            settings["Auth:CurrentTokenHashKey"] = "kb";
        });
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(legacyAccess));
        var (access, refresh) = await client.RefreshPairAsync(legacyRefresh);
        Assert.Equal("kb", TokenHasherForTests.KeyIdOf(access));
        Assert.StartsWith("art_kb_", refresh, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync(access));
    }

    [Theory]
    [InlineData("aat_zz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // a key this API never had
    [InlineData("aat_KB_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // ids are lower case
    [InlineData("aat_toolongid_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("aat__AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task TokensNamingNoKnownKeyAreUnauthorized(string token)
    {
        await using var api = services.CreateApi(Ring(("kb", KeyB)));
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync(token));
    }

    [Fact]
    public async Task ARingWithoutTheLegacyKeyStopsStartupOutsideDevelopment()
    {
        await using var api = services.CreateApi(settings =>
        {
            settings["Auth:TokenHashKey"] = null;
            settings["Auth:TokenHashKeys:k1"] = KeyA;
            settings["Auth:CurrentTokenHashKey"] = "k1";
        });

        Assert.ThrowsAny<Exception>(() => api.CreateClient()); // the server never started
        var problems = api.Logs.Lines.Where(line => line.Level == Microsoft.Extensions.Logging.LogLevel.Critical).Select(line => line.Message).ToList();
        Assert.Contains(problems, problem => problem.Contains("Auth:TokenHashKey is missing: keep it beside the key ring", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.Contains(KeyA, StringComparison.Ordinal));
    }

    [Theory] // S17: messages name the setting, never a key
    [InlineData("kz", "k1", "Auth:CurrentTokenHashKey names 'kz', which is not in Auth:TokenHashKeys")]
    [InlineData(null, "k1", "Auth:CurrentTokenHashKey is missing")]
    [InlineData("k1", "k1", "Auth:TokenHashKeys:k1 is malformed", "c2hvcnQta2V5")]
    [InlineData("K1", "K1", "Auth:TokenHashKeys:K1 has an invalid id")]
    public async Task BadKeyRingStopsStartupNamingTheSetting(string? current, string id, string expected, string? key = null)
    {
        key ??= KeyA;
        await using var api = services.CreateApi(settings =>
        {
            settings[$"Auth:TokenHashKeys:{id}"] = key;
            settings["Auth:CurrentTokenHashKey"] = current;
        });

        Assert.ThrowsAny<Exception>(() => api.CreateClient()); // the server never started

        var problems = api.Logs.Lines.Where(line => line.Level == Microsoft.Extensions.Logging.LogLevel.Critical).Select(line => line.Message).ToList();
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.Contains(key, StringComparison.Ordinal));
    }

    private async Task<(string Email, string Password, string Access, string Refresh)> LoginUnderAsync(
        Action<Dictionary<string, string?>> ring, string expectedKeyId)
    {
        await using var api = services.CreateApi(ring);
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (access, refresh) = await client.LoginPairAsync(email, password);
        Assert.StartsWith($"aat_{expectedKeyId}_", access, StringComparison.Ordinal);
        Assert.StartsWith($"art_{expectedKeyId}_", refresh, StringComparison.Ordinal);
        return (email, password, access, refresh);
    }

    /// <summary>The ring beside the shared legacy key, which stays required (it wraps the issuer's keys); the last key is current unless named.</summary>
    private static Action<Dictionary<string, string?>> Ring(params (string Id, string Key)[] keys) => Ring(keys, keys[^1].Id);

    private static Action<Dictionary<string, string?>> Ring((string Id, string Key) a, (string Id, string Key) b, string current) => Ring([a, b], current);

    private static Action<Dictionary<string, string?>> Ring((string Id, string Key)[] keys, string current) => settings =>
    {
        foreach (var (id, key) in keys) settings[$"Auth:TokenHashKeys:{id}"] = key;
        settings["Auth:CurrentTokenHashKey"] = current;
    };

    private static async Task<HttpStatusCode> IntrospectStatusAsync(HttpClient client, string token)
    {
        using var response = await client.IntrospectAsync(token);
        return response.StatusCode;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
