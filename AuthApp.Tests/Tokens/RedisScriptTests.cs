using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// Scripts go to Redis by digest (decision 0107). A script Redis has not cached (its first use since Redis started, or
/// after a flush) is sent once as text and runs; later calls find it by digest.
/// </summary>
public sealed class RedisScriptTests(TestServices services)
{
    [Fact]
    public async Task AScriptRedisHasNotSeenRunsAndIsThenCached()
    {
        // A text no other test sends, so Redis has surely not cached it.
        var text = $"-- {Guid.NewGuid():N}\nreturn ARGV[1] .. KEYS[1]";
        var script = new RedisScript(text);
        var redis = services.RedisClient.GetDatabase();
        // Redis names a cached script by the SHA-1 of its text.
#pragma warning disable CA5350
        var digest = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5350
        var server = services.RedisClient.GetServers().Single();
        Assert.False(await server.ScriptExistsAsync(digest));

        Assert.Equal("ab", (string?)await script.EvaluateAsync(redis, ["b"], ["a"]));
        Assert.True(await server.ScriptExistsAsync(digest));
        Assert.Equal("cd", (string?)await script.EvaluateAsync(redis, ["d"], ["c"]));
    }
}
