using System.Net;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>S17, S18: every admin change leaves an audit row naming the admin and the user, and no row holds a secret.</summary>
public sealed class AdminAuditTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S18
    public async Task EachAdminChangeIsRecordedWithTheAdminAsActorAndTheUserAsSubject()
    {
        var (admin, adminId, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (id, email, password) = await CreateThroughAdminAsync(admin);
        await _client.LoginAsync(email, password);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/admin/users/{id}", admin, new { displayName = "Renamed" });
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/admin/users/{id}", admin, new { roles = new[] { "user", "auditor" } });
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/admin/users/{id}/disable", admin);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/admin/users/{id}/enable", admin);
        var newPassword = FreshPassword();
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = newPassword });
        await _client.LoginAsync(email, newPassword);
        await _client.LoginAsync(email, newPassword);
        var sessionId = (await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin))[0].GetProperty("id").GetString();
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/admin/users/{id}/sessions/{sessionId}", admin);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, $"/admin/users/{id}/sessions", admin);
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/admin/users/{id}", admin);

        var rows = (await services.AuditRowsAsync(id.ToString())).Where(r => r.Type.StartsWith("admin.", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                AuditEventTypes.AdminUserCreated, AuditEventTypes.AdminUserUpdated, AuditEventTypes.AdminRolesChanged,
                AuditEventTypes.AdminUserDisabled, AuditEventTypes.AdminUserEnabled, AuditEventTypes.AdminPasswordSet,
                AuditEventTypes.AdminSessionRevoked, AuditEventTypes.AdminSessionsRevoked, AuditEventTypes.AdminUserDeleted,
            ],
            rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal((adminId.ToString(), AuditOutcomes.Success), (r.Actor, r.Outcome)));
        Assert.Equal("fields: displayName", rows[1].Detail);
        Assert.Equal("roles: user,auditor (were: user)", rows[2].Detail);
        Assert.Equal($"session {sessionId}", rows[6].Detail);
        Assert.Equal("1 sessions ended", rows[7].Detail);
    }

    [Fact] // S18
    public async Task AnEmailChangeNamesTheFieldButNotTheAddresses()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (id, email, _) = await CreateThroughAdminAsync(admin);
        var newEmail = FreshEmail("renamed");

        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/admin/users/{id}", admin, new { email = newEmail });

        var row = Assert.Single(await services.AuditRowsAsync(id.ToString()), r => r.Type == AuditEventTypes.AdminUserUpdated);
        Assert.Equal("fields: email", row.Detail);
        (await DumpAuditTableAsync()).AssertContainsNone([email, newEmail], StringComparison.OrdinalIgnoreCase);
    }

    [Fact] // S17
    public async Task NoAuditRowContainsThePasswordsOrTokensOfAdminChanges()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (id, email, password) = await CreateThroughAdminAsync(admin);
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var newPassword = FreshPassword();
        await ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = "short" });
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = newPassword });
        var (access2, refresh2) = await _client.LoginPairAsync(email, newPassword);
        var sessionId = (await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin))[0].GetProperty("id").GetString();
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/admin/users/{id}/sessions/{sessionId}", admin);
        var hasher = new TokenHasherForTests();
        var secrets = new List<string> { password, newPassword, TestServices.TokenHashKey };
        foreach (var token in new[] { admin, access, refresh, access2, refresh2 }) secrets.AddRange([token, token[4..], hasher.Hash(token)]);

        var dump = await DumpAuditTableAsync();

        Assert.Contains(id.ToString(), dump, StringComparison.Ordinal);
        dump.AssertContainsNone(secrets, StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Email, string Password)> CreateThroughAdminAsync(string admin)
    {
        var (email, password) = (FreshEmail(), FreshPassword());
        using var response = await _client.SendAsync(HttpMethod.Post, "/admin/users", admin, new { email, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.ReadJsonAsync()).GetProperty("id").GetGuid(), email, password);
    }

    private async Task ExpectAsync(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null)
    {
        using var response = await _client.SendAsync(method, path, token, body);
        Assert.Equal(status, response.StatusCode);
    }

    private async Task<string> DumpAuditTableAsync()
    {
        await using var connection = new NpgsqlConnection(services.DatabaseConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT string_agg(row_to_json(a)::text, E'\\n') FROM audit_events a", connection);
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }
}

/// <summary>Asserts that none of several strings occurs in a text, naming the first that does.</summary>
internal static class TextAssert
{
    public static void AssertContainsNone(this string text, IEnumerable<string> secrets, StringComparison comparison)
    {
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text, comparison);
    }
}
