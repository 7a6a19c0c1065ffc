using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>The access log, and S17: secrets never reach a log line.</summary>
public sealed class LoggingTests(TestServices services)
{
    [Fact] // S17
    public async Task EachRequestLogsOneLineWithMethodRouteStatusAndDuration()
    {
        await using var api = services.CreateApi();
        using var client = api.CreateClient();
        var (token, _, _) = await client.RegisterAndLoginAsync();

        using var me = await client.GetAsync($"/users/me?secret-query={token}", Cancel);

        var lines = api.Logs.Lines.Where(l => l.Category == "AuthApp.Api.AccessLog").ToList();
        Assert.Equal(3, lines.Count);
        var line = lines[^1];
        Assert.Equal("GET", line.State["Method"]);
        Assert.Equal("/users/me", line.State["Route"]);
        Assert.Equal(401, line.State["StatusCode"]);
        Assert.IsType<double>(line.State["ElapsedMs"]);
        Assert.DoesNotContain("secret-query", line.Everything, StringComparison.Ordinal);
    }

    [Fact] // S17
    public async Task UnmatchedRequestsAreLoggedWithoutTheirPath()
    {
        await using var api = services.CreateApi();
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/private/aat_looks-like-a-token", Cancel);

        var line = Assert.Single(api.Logs.Lines, l => l.Category == "AuthApp.Api.AccessLog");
        Assert.Equal("(no route)", line.State["Route"]);
        Assert.Equal(404, line.State["StatusCode"]);
        Assert.DoesNotContain("aat_", line.Everything, StringComparison.Ordinal);
    }

    [Fact] // S17
    public async Task NoPasswordTokenHashOrKeyIsEverLogged()
    {
        await using var api = services.CreateApi();
        using var client = api.CreateClient();
        var (token, email, password) = await client.RegisterAndLoginAsync();
        using (await client.GetMeAsync(token)) { }
        using (await client.IntrospectAsync(token)) { }
        using (await client.PostTokenAsync(email, "a wrong password here")) { }
        using (await client.PostAsync("/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Cancel)) { }

        var everything = string.Join('\n', api.Logs.Lines.Select(l => l.Everything));

        Assert.NotEmpty(api.Logs.Lines);
        foreach (var secret in new[]
        {
            password, "a wrong password here", token, token[4..], new TokenHasherForTests().Hash(token), TestServices.TokenHashKey,
            TestServices.IntrospectionClientSecret, services.Redis.Password, services.Postgres.Password,
        })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact] // S17
    public async Task AuthorizationHeaderIsNotLogged()
    {
        await using var api = services.CreateApi();
        using var client = api.CreateClient();

        using var response = await client.IntrospectAsync("aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var everything = string.Join('\n', api.Logs.Lines.Select(l => l.Everything));
        Assert.DoesNotContain(ApiClient.BasicAuth(TestServices.IntrospectionClientId, TestServices.IntrospectionClientSecret).Parameter!, everything, StringComparison.Ordinal);
    }
}
