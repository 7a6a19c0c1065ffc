using System.Net;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>What the account row says (active flag, roles) shows through logins and tokens.</summary>
public sealed class AccountStateTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S4
    public async Task DisabledAccountGetsTheSameAnswerAsAWrongPassword()
    {
        var (email, password, _) = await _client.RegisterAsync();
        await UpdateUserAsync(email, user => user.IsActive = false);

        using var disabled = await _client.PostTokenAsync(email, password);
        using var wrong = await _client.PostTokenAsync(FreshEmail(), password);

        Assert.Equal(HttpStatusCode.BadRequest, disabled.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(Cancel), await disabled.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task MeRefusesATokenOfAnAccountDisabledSinceLogin()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();
        // Through the admin API: token checks read Redis alone, and the API ends the sessions as it disables (decision 0082).
        using (await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) { }

        using var response = await _client.GetMeAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RolesTravelFromTheAccountIntoTheTokenAndIntrospection()
    {
        var (email, password, _) = await _client.RegisterAsync();
        await UpdateUserAsync(email, user => user.Roles = ["admin", "support"]);
        var token = await _client.LoginAsync(email, password);

        using var me = await _client.GetMeAsync(token);
        using var introspection = await _client.IntrospectAsync(token);

        var roles = (await me.ReadJsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["admin", "support"], roles);
        Assert.Equal("admin support", (await introspection.ReadJsonAsync()).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneEmailCreateExactlyOneAccount()
    {
        var email = FreshEmail();
        var attempts = Enumerable.Range(0, 4).Select(i => _client.PostAsync("/users", System.Net.Http.Json.JsonContent.Create(new
        {
            email = i % 2 == 0 ? email : email.ToUpperInvariant(),
            password = FreshPassword(),
        }), Cancel));

        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var normalized = email.ToLowerInvariant();
        await using var db = services.CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized, Cancel));
        foreach (var response in responses) response.Dispose();
    }

    private async Task UpdateUserAsync(string email, Action<Api.Data.UserAccount> change)
    {
        await using var db = services.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
        change(user);
        await db.SaveChangesAsync(Cancel);
    }
}
