using System.Text.Json;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Tests.Tokens;

/// <summary>S6: Redis holds only keyed hashes; a dump gives no usable token.</summary>
public sealed class TokenStorageTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S6
    public async Task NoRawTokenAppearsAnywhereInRedis()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++) tokens.Add((await _client.RegisterAndLoginAsync()).Token);

        var dump = await DumpRedisAsync();

        Assert.NotEmpty(dump);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(token["aat_".Length..], dump, StringComparison.Ordinal);
        }
    }

    [Fact] // S6
    public async Task SessionIsStoredUnderTheHmacOfTheTokenWithItsFields()
    {
        var (token, email, _) = await _client.RegisterAndLoginAsync();
        var hash = new TokenHasherForTests().Hash(token);

        var fields = (await services.RedisClient.GetDatabase().HashGetAllAsync(TokenStore.TokenKey(hash)))
            .ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());

        Assert.Equal(email, fields["email"]);
        Assert.Equal("access", fields["kind"]);
        Assert.Equal("[]", fields["roles"]);
        Assert.True(Guid.TryParse(fields["user_id"], out var userId));
        Assert.Equal(15 * 60 * 1000, long.Parse(fields["expires_at"]) - long.Parse(fields["issued_at"]));
        var index = await services.RedisClient.GetDatabase().SortedSetRangeByScoreAsync(TokenStore.UserSessionsKey(userId));
        Assert.Contains(hash, index.Select(v => v.ToString()));
    }

    [Fact]
    public async Task EveryLoginAddsASessionToTheUsersIndex()
    {
        var (token, email, password) = await _client.RegisterAndLoginAsync();
        await _client.LoginAsync(email, password);
        using var me = await _client.GetMeAsync(token);
        var userId = Guid.Parse((await me.ReadJsonAsync()).GetProperty("id").GetString()!);

        var index = await services.RedisClient.GetDatabase().SortedSetLengthAsync(TokenStore.UserSessionsKey(userId));

        Assert.Equal(2, index);
    }

    private async Task<string> DumpRedisAsync()
    {
        var database = services.RedisClient.GetDatabase();
        var server = services.RedisClient.GetServers().Single();
        var dump = new System.Text.StringBuilder();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            dump.Append(key.ToString()).Append('\n');
            var type = await database.KeyTypeAsync(key);
            object value = type switch
            {
                RedisType.Hash => (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"),
                RedisType.SortedSet => (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}:{e.Score}"),
                RedisType.Set => (await database.SetMembersAsync(key)).Select(v => v.ToString()),
                RedisType.String => (string?)await database.StringGetAsync(key) ?? "",
                RedisType.List => (await database.ListRangeAsync(key)).Select(v => v.ToString()),
                _ => $"(unexpected type {type})",
            };
            dump.Append(JsonSerializer.Serialize(value)).Append('\n');
        }

        return dump.ToString();
    }
}
