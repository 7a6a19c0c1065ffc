using System.Net;
using System.Text.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Admin;
using AuthApp.Tests.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Clients;

/// <summary>Client registrations the tests make: a fresh id and loopback redirect URI per test.</summary>
public static class ClientApi
{
    public static string FreshClientId(string prefix = "app") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A loopback redirect URI with a fixed port and path: registered as written, it must be sent as written.</summary>
    public static string FreshRedirect() => $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/callback";

    public static async Task<JsonElement> CreateClientAsync(this HttpClient client, string admin, object body)
    {
        using var response = await client.SendAsync(HttpMethod.Post, "/admin/clients", admin, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.ReadJsonAsync();
    }

    /// <summary>A public client with the code and refresh grants and one loopback redirect URI.</summary>
    public static Task<JsonElement> CreatePublicClientAsync(this HttpClient client, string admin, string clientId, string redirect) =>
        client.CreateClientAsync(admin, new
        {
            clientId, type = "public", displayName = "Test app",
            grants = new[] { "authorization_code", "refresh_token" }, redirectUris = new[] { redirect },
        });

    /// <summary>An authorization request of <paramref name="clientId"/> to <paramref name="redirect"/>, with S256.</summary>
    public static Dictionary<string, string> CodeRequest(string clientId, string redirect, string challenge)
    {
        var request = CodeFlow.KubectlRequest(challenge);
        request["client_id"] = clientId;
        request["redirect_uri"] = redirect;
        return request;
    }

    public static Dictionary<string, string> Redemption(string clientId, string redirect, string code, string verifier, string? secret = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code,
            ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
        };
        if (secret is not null) form["client_secret"] = secret;
        return form;
    }

    /// <summary>Waits for an audit row (admin events reach PostgreSQL through the Redis outbox, about once a second).</summary>
    public static async Task<AuditEntry> AuditedAsync(this LiveIssuer issuer, string type, string subject, string outcome = AuditOutcomes.Success)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = issuer.Services.CreateDbContext();
            var entry = await db.Set<AuditEntry>().Where(e => e.Type == type && e.Subject == subject && e.Outcome == outcome)
                .OrderByDescending(e => e.Id).FirstOrDefaultAsync(Cancel);
            if (entry is not null) return entry;
            Assert.True(DateTime.UtcNow < deadline, $"No audit event {type} ({outcome}) for {subject}.");
            await Task.Delay(200, Cancel);
        }
    }
}
