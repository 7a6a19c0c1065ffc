using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>Admin requests and the users they need: a fresh admin per test, promoted directly in the database.</summary>
public static class AdminApi
{
    /// <summary>Registers a fresh user, gives it the admin role in PostgreSQL, and signs it in.</summary>
    public static async Task<(string Token, Guid Id, string Email)> CreateAdminAsync(this HttpClient client, Func<Api.Data.AuthDbContext> database)
    {
        var (email, password, user) = await client.RegisterAsync(FreshEmail("admin"));
        var id = user.GetProperty("id").GetGuid();
        await using (var db = database())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Roles, new List<string> { "admin" }), Cancel);
        }

        return (await client.LoginAsync(email, password), id, email);
    }

    /// <summary>Registers a fresh ordinary user and signs it in.</summary>
    public static async Task<(string Token, Guid Id, string Email, string Password)> CreateUserAsync(this HttpClient client, string? email = null)
    {
        var (registered, password, user) = await client.RegisterAsync(email ?? FreshEmail());
        return (await client.LoginAsync(registered, password), user.GetProperty("id").GetGuid(), registered, password);
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request, Cancel);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, string token)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path, token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await response.ReadJsonAsync();
    }

    /// <summary>A migrated database of its own, for tests that must know every admin in it.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(this TestServices services)
    {
        var connectionString = await services.Postgres.CreateDatabaseAsync();
        await using var db = services.CreateDbContext(connectionString);
        await db.Database.MigrateAsync(Cancel);
        return connectionString;
    }
}
