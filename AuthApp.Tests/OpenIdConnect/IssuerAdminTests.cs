using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>What admins do to the issuer: rotate its signing key, verify emails; and what it sets up by itself.</summary>
[Collection(nameof(OpenIdConnect.SigningKeyCollection))]
public sealed class IssuerAdminTests(LiveIssuer issuer) : IClassFixture<LiveIssuer>
{
    [Fact]
    public async Task ATokenSignedBeforeARotationStillValidatesFromTheJwksAfterIt()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var before = (await flow.LoginAsync(email, password)).GetProperty("id_token").GetString()!;
        var oldKey = IssuerKeys.Read(before).Kid;
        using var client = issuer.CreateClient();
        var (admin, adminId, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());

        using var rotate = await client.SendAsync(HttpMethod.Post, "/admin/oidc/signing-keys/rotate", admin);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var newKey = (await rotate.ReadJsonAsync()).GetProperty("keyId").GetString()!;
        Assert.NotEqual(oldKey, newKey);
        var jwks = await client.GetFromJsonAsync<JsonElement>(".well-known/jwks", Cancel);
        var published = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Equal([newKey, oldKey], published);
        Assert.All(jwks.GetProperty("keys").EnumerateArray(), k => Assert.False(k.TryGetProperty("d", out _), "The JWKS publishes a private key."));
        var validated = await IssuerKeys.ValidateAsync(issuer.Address, before, CodeFlow.KubectlClient);
        Assert.True(validated.IsValid, validated.Exception?.Message);

        var after = (await flow.LoginAsync(email, password)).GetProperty("id_token").GetString()!;
        Assert.Equal(newKey, IssuerKeys.Read(after).Kid);
        Assert.True((await IssuerKeys.ValidateAsync(issuer.Address, after, CodeFlow.KubectlClient)).IsValid);
        await AssertAuditedAsync(AuditEventTypes.AdminOidcSigningKeyRotated, adminId.ToString(), newKey);
    }

    [Fact]
    public async Task OnlyAdminsMayRotate()
    {
        using var client = issuer.CreateClient();
        var (user, _, _, _) = await client.CreateUserAsync();

        using var anonymous = await client.SendAsync(HttpMethod.Post, "/admin/oidc/signing-keys/rotate", null);
        using var ordinary = await client.SendAsync(HttpMethod.Post, "/admin/oidc/signing-keys/rotate", user);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ordinary.StatusCode);
    }

    [Fact]
    public async Task AnAdminVerifiesAnEmailAndANewEmailIsUnverifiedAgain()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var (_, id, _, _) = await client.CreateUserAsync();
        Assert.False((await client.GetJsonAsync($"/admin/users/{id}", admin)).GetProperty("emailVerified").GetBoolean());

        using var verify = await client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { emailVerified = true });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.True((await verify.ReadJsonAsync()).GetProperty("emailVerified").GetBoolean());

        using var move = await client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { email = FreshEmail("moved") });
        Assert.False((await move.ReadJsonAsync()).GetProperty("emailVerified").GetBoolean());
        await AssertAuditedAsync(AuditEventTypes.AdminUserUpdated, null, id.ToString(), "emailVerified");
    }

    [Fact]
    public async Task TheKubectlClientIsCreatedOnceHowEverManyReplicasStart()
    {
        // Two more API instances against the same database start at once, like replicas of a rollout.
        await using var first = issuer.Services.CreateApi();
        await using var second = issuer.Services.CreateApi();
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        await using var db = issuer.Services.CreateDbContext();
        var clients = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>()
            .Where(a => a.ClientId == OidcClientSeeder.KubectlClientId).ToListAsync(Cancel);
        var kubectl = Assert.Single(clients);
        Assert.Equal("public", kubectl.ClientType);
        Assert.Contains("http://localhost:8000", kubectl.RedirectUris, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8000")]
    [InlineData("http://localhost:18000")]
    [InlineData("http://127.0.0.1:38123/")]
    public async Task KubeloginsRedirectUrisAreAccepted(string redirectUri)
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var request = CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge);
        request["redirect_uri"] = redirectUri;

        var outcome = await flow.AuthorizeAsync(request, email, password);

        Assert.NotNull(outcome.Redirect);
        Assert.True(outcome.Query.ContainsKey("code"), $"No code in {outcome.Redirect}");
        Assert.StartsWith(redirectUri.TrimEnd('/'), outcome.Redirect!.ToString(), StringComparison.Ordinal);
    }

    private async Task AssertAuditedAsync(string type, string? actor, string subject, string? detail = null)
    {
        // Admin events reach PostgreSQL through the Redis outbox (decision 0086), drained about once a second.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = issuer.Services.CreateDbContext();
            var found = await db.Set<AuditEntry>().AnyAsync(e => e.Type == type && e.Subject == subject
                && (actor == null || e.Actor == actor) && (detail == null || e.Detail!.Contains(detail)), Cancel);
            if (found) return;
            Assert.True(DateTime.UtcNow < deadline, $"No audit event {type} for {subject}.");
            await Task.Delay(200, Cancel);
        }
    }
}
