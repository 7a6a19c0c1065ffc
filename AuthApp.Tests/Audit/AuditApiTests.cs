using System.Net;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Audit;

/// <summary>S14, S18: <c>GET /admin/audit</c> pages and filters the log, for admins only.</summary>
public sealed class AuditApiTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S14
    public async Task AnonymousCallersGet401()
    {
        using var response = await _client.GetAsync("/admin/audit", Cancel);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact] // S14
    public async Task UsersWithoutTheAdminRoleGet403()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, "/admin/audit", token);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact] // S18
    public async Task AdminsFilterBySubjectTypeAndOutcomeNewestFirst()
    {
        var admin = await AdminTokenAsync();
        var (email, password, _) = await _client.RegisterAsync();
        var subject = (await services.UserIdAsync(email)).ToString();
        using (await _client.PostTokenAsync(email, "not the password at all")) { }
        await _client.LoginAsync(email, password);
        await _client.LoginAsync(email, password);

        var all = await GetAsync(admin, $"/admin/audit?subject={subject}");
        var logins = await GetAsync(admin, $"/admin/audit?subject={subject.ToUpperInvariant()}&type=login&outcome=success");

        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal(AuditEventTypes.Registration, all.GetProperty("items")[3].GetProperty("type").GetString());
        Assert.Equal(2, logins.GetProperty("total").GetInt32());
        Assert.All(logins.GetProperty("items").EnumerateArray(), e =>
        {
            Assert.Equal("login", e.GetProperty("type").GetString());
            Assert.Equal(subject, e.GetProperty("subject").GetString());
        });
    }

    [Fact] // S18
    public async Task AdminsPageThroughTheLogAndFilterByActorAndTime()
    {
        var admin = await AdminTokenAsync();
        var (email, password, _) = await _client.RegisterAsync();
        var subject = (await services.UserIdAsync(email)).ToString();
        for (var i = 0; i < 3; i++) await _client.LoginAsync(email, password);

        var first = await GetAsync(admin, $"/admin/audit?actor={subject}&page=1&pageSize=2");
        var second = await GetAsync(admin, $"/admin/audit?actor={subject}&page=2&pageSize=2");
        var future = await GetAsync(admin, $"/admin/audit?subject={subject}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.True(first.GetProperty("items")[1].GetProperty("id").GetInt64() > second.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(0, future.GetProperty("total").GetInt32());
    }

    [Theory] // S13
    [InlineData("pageSize=0")]
    [InlineData("pageSize=201")]
    [InlineData("page=0")]
    [InlineData("page=2147483647&pageSize=2")] // the offset would overflow
    [InlineData("outcome=maybe")]
    [InlineData("page=abc")]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task InvalidFiltersAreBadRequestProblems(string query)
    {
        var admin = await AdminTokenAsync();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, $"/admin/audit?{query}", admin);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<string> AdminTokenAsync()
    {
        var (email, password, _) = await _client.RegisterAsync();
        await services.UpdateUserAsync(email, user => user.Roles = ["admin"]);
        return await _client.LoginAsync(email, password);
    }

    private async Task<System.Text.Json.JsonElement> GetAsync(string token, string path)
    {
        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
