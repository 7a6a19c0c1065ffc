using System.Net;
using System.Text.Json;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>Creating, reading, editing and re-passwording users, validated like registration.</summary>
public sealed class UserEditTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task CreatedUserCanSignInWithItsInitialPasswordAndHasItsRoles()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (email, password) = (FreshEmail(), FreshPassword());

        using var created = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin, new { email, password, displayName = "Ada", roles = new[] { "user", "orders:write" } });
        var body = await created.ReadJsonAsync();
        var token = await _client.LoginAsync(email, password);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/users/{body.GetProperty("id").GetGuid()}", created.Headers.Location?.ToString());
        Assert.Equal(["user", "orders:write"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(body.GetProperty("active").GetBoolean());
        using var me = await _client.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task CreatedUserWithoutRolesGetsTheUserRole()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var created = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin, new { email = FreshEmail(), password = FreshPassword() });

        Assert.Equal(["user"], (await created.ReadJsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory] // S2: the same rules as registration
    [InlineData("not-an-email", "a perfectly long passphrase 42", null, "email")]
    [InlineData(null, "short", null, "password")]
    [InlineData("alexandria@example.com", "my name is alexandria forever", null, "password")]
    [InlineData(null, "a perfectly long passphrase 42", "Admin", "roles")]
    [InlineData(null, "a perfectly long passphrase 42", "has space", "roles")]
    [InlineData(null, "a perfectly long passphrase 42", "user,user", "roles")]
    public async Task CreateWithBadInputIsA400NamingTheField(string? email, string password, string? roles, string field)
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin,
            new { email = email ?? FreshEmail(), password, roles = roles?.Split(',') ?? ["user"] });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task CreateWithAnExistingEmailInAnotherCaseIsA409()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, _, email, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin, new { email = email.ToUpperInvariant(), password = FreshPassword() });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CreateWithAnUnknownFieldIsA400()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin, new { email = FreshEmail(), password = FreshPassword(), isAdmin = true });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetReturnsTheUserAndUnknownIdIsA404()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, _) = await _client.CreateUserAsync();

        var user = await _client.GetJsonAsync($"/admin/users/{id}", admin);
        using var missing = await _client.SendAsync(HttpMethod.Get, $"/admin/users/{Guid.NewGuid()}", admin);

        Assert.Equal(email, user.GetProperty("email").GetString());
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisplayNameChangeKeepsTheUsersSessions()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { displayName = "Grace Hopper" });

        Assert.Equal("Grace Hopper", (await response.ReadJsonAsync()).GetProperty("displayName").GetString());
        using var me = await _client.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact] // roles are copied into sessions, so a role change ends them
    public async Task RoleChangeEndsTheUsersSessionsAndTheNextLoginCarriesTheNewRole()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, password) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { roles = new[] { "user", "admin" } });
        using var oldSession = await _client.GetMeAsync(token);
        var fresh = await _client.LoginAsync(email, password);
        using var adminCall = await _client.SendAsync(HttpMethod.Get, "/admin/users?pageSize=1", fresh);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminCall.StatusCode);
    }

    [Fact]
    public async Task EmailChangeToATakenEmailIsA409AndChangesNothing()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, _) = await _client.CreateUserAsync();
        var (_, _, taken, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { email = taken, displayName = "Changed" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var user = await _client.GetJsonAsync($"/admin/users/{id}", admin);
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("displayName").ValueKind);
    }

    [Fact]
    public async Task EmailChangeLetsTheUserSignInWithTheNewEmail()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, _, password) = await _client.CreateUserAsync();
        var newEmail = FreshEmail("renamed");

        using var response = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { email = newEmail });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await _client.LoginAsync(newEmail, password)));
    }

    [Theory]
    [InlineData("email", "two@@example.com")]
    [InlineData("roles", "NOT VALID")]
    public async Task UpdateWithBadInputIsA400NamingTheField(string field, string value)
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, _, _) = await _client.CreateUserAsync();
        object body = field == "email" ? new { email = value } : new { roles = new[] { value } };

        using var response = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact] // S8
    public async Task NewPasswordEndsEverySessionAndOnlyTheNewPasswordWorks()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, oldPassword) = await _client.CreateUserAsync();
        var newPassword = FreshPassword();

        using var response = await _client.SendAsync(HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = newPassword });
        using var me = await _client.GetMeAsync(token);
        using var oldLogin = await _client.PostTokenAsync(email, oldPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldLogin.StatusCode);
        Assert.False(string.IsNullOrEmpty(await _client.LoginAsync(email, newPassword)));
    }

    [Fact] // S2
    public async Task NewPasswordFollowsThePolicy()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = "too short" });
        using var me = await _client.GetMeAsync(token);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
