using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AuthApp.Api.Features.Audit;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Infrastructure;

/// <summary>Requests of the refresh, session and audit tests.</summary>
public static class SessionClient
{
    /// <summary>Logs in and returns both tokens.</summary>
    public static async Task<(string Access, string Refresh)> LoginPairAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.PostTokenAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    public static async Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken, string path = "/token")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        });
        return await client.PostAsync(path, form, Cancel);
    }

    /// <summary>Refreshes and expects success: the new pair.</summary>
    public static async Task<(string Access, string Refresh)> RefreshPairAsync(this HttpClient client, string refreshToken)
    {
        using var response = await client.RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>An authenticated request to the API with an optional JSON body.</summary>
    public static async Task<HttpResponseMessage> SendAsBearerAsync(this HttpClient client, HttpMethod method, string path, string token, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = JsonContent.Create(json);
        return await client.SendAsync(request, Cancel);
    }

    public static async Task<HttpStatusCode> MeStatusAsync(this HttpClient client, string token)
    {
        using var response = await client.GetMeAsync(token);
        return response.StatusCode;
    }

    public static async Task<Guid> UserIdAsync(this TestServices services, string email)
    {
        await using var db = services.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancel);
    }

    public static async Task UpdateUserAsync(this TestServices services, string email, Action<Api.Data.UserAccount> change)
    {
        await using var db = services.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
        change(user);
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>The audit rows about one subject, oldest first, once the events recorded so far have left the outbox.</summary>
    public static async Task<List<AuditEntry>> AuditRowsAsync(this TestServices services, string subject, string? database = null)
    {
        await services.AuditOutboxDrainedAsync(database);
        await using var db = services.CreateDbContext(database);
        var normalized = subject.ToLowerInvariant();
        return await db.Set<AuditEntry>().Where(e => e.Subject == normalized).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(Cancel);
    }

    /// <summary>
    /// Waits until the audit outbox of the database is empty: events appended before the call have then been stored
    /// (the drain deletes an entry only after its row is committed).
    /// </summary>
    public static async Task AuditOutboxDrainedAsync(this TestServices services, string? database = null, TimeSpan? timeout = null)
    {
        // The shared API is started on first use; its drain empties the shared database's outbox.
        if (database is null) _ = services.Api.Services;
        var key = AuditOutbox.KeyFor(database ?? services.DatabaseConnectionString);
        var redis = services.RedisClient.GetDatabase();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (await redis.StreamLengthAsync(key) > 0)
        {
            await Task.Delay(25, limit.Token);
        }
    }
}
