using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>S15: the last active admin cannot be deleted, disabled or demoted. Each test has a database of its own.</summary>
public sealed class LastAdminTests(TestServices services)
{
    [Theory] // S15, S18
    [InlineData("DELETE", "", "deleted", "admin.user_deleted")]
    [InlineData("POST", "/disable", "disabled", "admin.user_disabled")]
    [InlineData("PATCH", "", "admin role cannot be removed", "admin.roles_changed")]
    public async Task TheOnlyAdminCannotBeRemovedAndTheRefusalIsExplainedAndAudited(string method, string suffix, string reason, string auditType)
    {
        var (api, database) = await IsolatedApiAsync();
        await using var _ = api;
        var client = api.CreateClient();
        var (admin, adminId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));

        using var response = await client.SendAsync(new HttpMethod(method), $"/admin/users/{adminId}{suffix}", admin,
            method == "PATCH" ? new { roles = new[] { "user" } } : null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last active admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var me = await client.GetJsonAsync($"/admin/users/{adminId}", admin);
        Assert.True(me.GetProperty("active").GetBoolean());
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var refusal = Assert.Single(await services.AuditRowsAsync(adminId.ToString(), database), r => r.Type == auditType);
        Assert.Equal(("failure", "last_admin", adminId.ToString()), (refusal.Outcome, refusal.Detail, refusal.Actor));
    }

    [Fact] // S15
    public async Task AnAdminCanBeRemovedWhileAnotherActiveAdminRemains()
    {
        var (api, database) = await IsolatedApiAsync();
        await using var _ = api;
        var client = api.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));
        var (_, otherId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));

        using var response = await client.SendAsync(HttpMethod.Delete, $"/admin/users/{otherId}", admin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact] // S15
    public async Task ADisabledAdminDoesNotCountAsTheRemainingAdmin()
    {
        var (api, database) = await IsolatedApiAsync();
        await using var _ = api;
        var client = api.CreateClient();
        var (admin, adminId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));
        var (_, otherId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));
        using (var disable = await client.SendAsync(HttpMethod.Post, $"/admin/users/{otherId}/disable", admin)) Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        using var response = await client.SendAsync(HttpMethod.Patch, $"/admin/users/{adminId}", admin, new { roles = Array.Empty<string>() });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact] // S15: the advisory lock serialises concurrent changes
    public async Task TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin()
    {
        var (api, database) = await IsolatedApiAsync();
        await using var _ = api;
        var client = api.CreateClient();
        var (firstToken, firstId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));
        var (secondToken, secondId, _) = await client.CreateAdminAsync(() => services.CreateDbContext(database));

        var answers = await Task.WhenAll(
            client.SendAsync(HttpMethod.Patch, $"/admin/users/{secondId}", firstToken, new { roles = new[] { "user" } }),
            client.SendAsync(HttpMethod.Patch, $"/admin/users/{firstId}", secondToken, new { roles = new[] { "user" } }));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        foreach (var answer in answers) answer.Dispose();
        // The loser is refused either by the rule (409) or because the winner's change ended its session (401).
        Assert.Single(statuses, HttpStatusCode.OK);
        await using var db = services.CreateDbContext(database);
        Assert.Equal(1, db.Users.Count(u => u.IsActive && u.Roles.Contains("admin")));
    }

    private async Task<(ApiFactory Api, string Database)> IsolatedApiAsync()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        return (services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database), database);
    }
}
