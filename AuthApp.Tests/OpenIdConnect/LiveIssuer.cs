using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// The API (Testing environment, so plain HTTP is allowed) on a real loopback port, for browsers and relying parties:
/// the issuer is <see cref="Address"/>. Shared by one test class; users are fresh per test.
/// </summary>
public sealed class LiveIssuer(TestServices services) : IAsyncLifetime
{
    public ApiFactory Api { get; private set; } = null!;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public TestServices Services => services;

    public ValueTask InitializeAsync()
    {
        var port = ProcessRunner.FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        Api = services.CreateApi();
        Api.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        Api.StartServer();
        return ValueTask.CompletedTask;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(1) };

    /// <summary>A fresh account; verified unless told otherwise (set in the database, as an admin would in the API).</summary>
    public async Task<(Guid Id, string Email, string Password)> CreateUserAsync(bool verified = true, params string[] roles)
    {
        using var client = CreateClient();
        var (email, password, user) = await client.RegisterAsync();
        var id = user.GetProperty("id").GetGuid();
        await using var db = services.CreateDbContext();
        var list = roles.Length > 0 ? roles.ToList() : ["user"];
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(
            u => u.SetProperty(x => x.EmailVerified, verified).SetProperty(x => x.Roles, list), Cancel);
        return (id, email, password);
    }

    public async Task<JsonElement> DiscoveryAsync()
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration", Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
    }
}
