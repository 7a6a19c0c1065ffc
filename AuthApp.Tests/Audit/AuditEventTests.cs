using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Audit;

/// <summary>S17, S18: every security event leaves an audit row, and no row holds a secret.</summary>
public sealed class AuditEventTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S18
    public async Task EachSecurityEventOfAUserIsRecordedWithTimeActorSubjectAddressAndOutcome()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var (email, password, _) = await _client.RegisterAsync();
        var userId = (await services.UserIdAsync(email)).ToString();
        await FailLoginsAsync(email, 5);
        await UnlockAsync(email);
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var (_, _) = await _client.RefreshPairAsync(refresh);
        using (await _client.RefreshAsync(refresh)) { }
        var (second, _) = await _client.LoginPairAsync(email, password);
        var newPassword = FreshPassword();
        using (await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/password", second, new { currentPassword = password, newPassword })) { }
        using (await _client.SendAsBearerAsync(HttpMethod.Post, "/revoke", second)) { }
        var third = await _client.LoginAsync(email, newPassword);
        using (await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/sessions/revoke", third)) { }

        var rows = await services.AuditRowsAsync(userId);

        Assert.Equal(
            new[]
            {
                AuditEventTypes.Registration, AuditEventTypes.Lockout, AuditEventTypes.Login, AuditEventTypes.Refresh,
                AuditEventTypes.RefreshReuse, AuditEventTypes.PasswordChange, AuditEventTypes.Revocation, AuditEventTypes.LogoutEverywhere,
            }.Order(),
            rows.Select(r => r.Type).Distinct().Order());
        Assert.Equal(5, rows.Count(r => r is { Type: AuditEventTypes.Login, Outcome: AuditOutcomes.Failure }));
        Assert.Equal(3, rows.Count(r => r is { Type: AuditEventTypes.Login, Outcome: AuditOutcomes.Success }));
        Assert.Single(rows, r => r is { Type: AuditEventTypes.RefreshReuse, Outcome: AuditOutcomes.Failure });
        Assert.All(rows, r => Assert.InRange(r.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.All(rows.Where(r => r.Type is AuditEventTypes.PasswordChange or AuditEventTypes.LogoutEverywhere), r => Assert.Equal(userId, r.Actor));
        Assert.DoesNotContain(rows, r => r.Outcome is not (AuditOutcomes.Success or AuditOutcomes.Failure));
        _ = access;
    }

    [Fact] // S17
    public async Task NoAuditRowContainsAPasswordOrTokenUsedInTheTest()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var secrets = new List<string> { password, "my wrong guess 12345", TestServices.TokenHashKey };
        using (await _client.PostTokenAsync(email, "my wrong guess 12345")) { }
        // A password typed into the username field must not land in the log either.
        using (await _client.PostTokenAsync("my wrong guess 12345", password)) { }
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var (access2, refresh2) = await _client.RefreshPairAsync(refresh);
        using (await _client.RefreshAsync(refresh)) { }
        var newPassword = FreshPassword();
        var (access3, refresh3) = await _client.LoginPairAsync(email, password);
        using (await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/password", access3, new { currentPassword = password, newPassword })) { }
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh3 }))
        using (await _client.PostAsync("/revoke", form, Cancel)) { }
        var hasher = new TokenHasherForTests();
        foreach (var token in new[] { access, refresh, access2, refresh2, access3, refresh3 })
        {
            secrets.AddRange([token, token[4..], hasher.Hash(token)]);
        }

        secrets.Add(newPassword);
        var dump = await DumpAuditTableAsync();

        Assert.NotEmpty(dump);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
    }

    [Fact] // S18
    public async Task TheAuditTableRefusesUpdatesAndDeletes()
    {
        var (email, _, _) = await _client.RegisterAsync();
        var subject = (await services.UserIdAsync(email)).ToString();
        await using var db = services.CreateDbContext();

        await Assert.ThrowsAsync<PostgresException>(() =>
            db.Set<AuditEntry>().Where(e => e.Subject == subject).ExecuteUpdateAsync(s => s.SetProperty(e => e.Outcome, "failure"), Cancel));
        await Assert.ThrowsAsync<PostgresException>(() => db.Set<AuditEntry>().Where(e => e.Subject == subject).ExecuteDeleteAsync(Cancel));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_events", Cancel));
        Assert.Single(await services.AuditRowsAsync(subject));
    }

    [Fact] // S17
    public async Task ATokenPassedToTheAuditLogByMistakeIsRedacted()
    {
        var (access, _, _) = await _client.RegisterAndLoginAsync();
        var subject = $"nobody-{Guid.NewGuid():N}@example.com";
        await using var scope = services.Api.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();

        await audit.RecordAsync(new AuditEvent("test.event", AuditOutcomes.Success) { Subject = subject, Detail = $"oops {access}" }, Cancel);

        var row = Assert.Single(await services.AuditRowsAsync(subject));
        Assert.Equal("[redacted]", row.Detail);
    }

    private async Task FailLoginsAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await _client.PostTokenAsync(email, "not the password at all");
        }
    }

    /// <summary>The shared API runs on the real clock: drop the lock the way it would expire.</summary>
    private async Task UnlockAsync(string email) =>
        await services.RedisClient.GetDatabase().KeyDeleteAsync(Api.Features.Protection.LoginThrottle.AccountKey(email.ToLowerInvariant()));

    private async Task<string> DumpAuditTableAsync()
    {
        await services.AuditOutboxDrainedAsync();
        await using var connection = new NpgsqlConnection(services.DatabaseConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT row_to_json(a)::text FROM audit_events a", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var dump = new System.Text.StringBuilder();
        while (await reader.ReadAsync(Cancel)) dump.AppendLine(reader.GetString(0));
        return dump.ToString();
    }
}
