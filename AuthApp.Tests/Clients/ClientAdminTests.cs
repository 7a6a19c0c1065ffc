using System.Net;
using System.Text.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Clients;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Tests.Admin;
using AuthApp.Tests.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Clients;

/// <summary><c>/admin/clients</c>: create, list, read, edit, delete and secret reset, their refusals and audit rows.</summary>
public sealed class ClientAdminTests(LiveIssuer issuer) : IClassFixture<LiveIssuer>
{
    [Fact]
    public async Task AnAdminCreatesListsReadsEditsAndDeletesAPublicClient()
    {
        using var client = issuer.CreateClient();
        var (admin, adminId, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId();
        var redirect = ClientApi.FreshRedirect();

        var created = await client.CreatePublicClientAsync(admin, clientId, redirect);

        Assert.Equal(clientId, created.GetProperty("clientId").GetString());
        Assert.Equal("public", created.GetProperty("type").GetString());
        Assert.Equal(["authorization_code", "refresh_token"], Strings(created, "grants"));
        Assert.Equal([redirect], Strings(created, "redirectUris"));
        Assert.False(created.GetProperty("builtIn").GetBoolean());
        Assert.False(created.TryGetProperty("clientSecret", out _), "A public client got a secret.");

        var listed = await client.GetJsonAsync("/admin/clients", admin);
        var ids = listed.EnumerateArray().Select(c => c.GetProperty("clientId").GetString()).ToList();
        Assert.Contains(clientId, ids);
        Assert.Contains(OidcClientSeeder.KubectlClientId, ids);
        var kubectl = listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == OidcClientSeeder.KubectlClientId);
        Assert.True(kubectl.GetProperty("builtIn").GetBoolean());
        Assert.Equal(ClientGrants.All, Strings(kubectl, "grants"));

        var other = ClientApi.FreshRedirect();
        using var edit = await client.SendAsync(HttpMethod.Patch, $"/admin/clients/{clientId}", admin, new
        {
            displayName = "Renamed app", redirectUris = new[] { other }, postLogoutRedirectUris = new[] { "https://app.example/signed-out" },
            grants = new[] { "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code" },
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var read = await client.GetJsonAsync($"/admin/clients/{clientId}", admin);
        Assert.Equal("Renamed app", read.GetProperty("displayName").GetString());
        Assert.Equal([other], Strings(read, "redirectUris"));
        Assert.Equal(["https://app.example/signed-out"], Strings(read, "postLogoutRedirectUris"));
        Assert.Equal(ClientGrants.All, Strings(read, "grants"));

        using var delete = await client.SendAsync(HttpMethod.Delete, $"/admin/clients/{clientId}", admin);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.SendAsync(HttpMethod.Get, $"/admin/clients/{clientId}", admin);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);

        var createdRow = await issuer.AuditedAsync(AuditEventTypes.AdminClientCreated, clientId);
        Assert.Equal(adminId.ToString(), createdRow.Actor);
        Assert.Contains("type: public", createdRow.Detail, StringComparison.Ordinal);
        var updatedRow = await issuer.AuditedAsync(AuditEventTypes.AdminClientUpdated, clientId);
        Assert.Equal("fields: displayName,grants,redirectUris,postLogoutRedirectUris", updatedRow.Detail);
        Assert.Equal(adminId.ToString(), (await issuer.AuditedAsync(AuditEventTypes.AdminClientDeleted, clientId)).Actor);
    }

    [Fact]
    public async Task AConfidentialClientsSecretIsShownOnceStoredHashedAndNeverListedOrAudited()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId("web");

        using var response = await client.SendAsync(HttpMethod.Post, "/admin/clients", admin, new
        {
            clientId, type = "confidential", grants = new[] { "authorization_code" }, redirectUris = new[] { "https://app.example/signin-oidc" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var created = await response.ReadJsonAsync();
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.StartsWith(ClientSecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, "The secret is shorter than 256 bits.");
        Assert.Equal(clientId, created.GetProperty("displayName").GetString());

        var read = await client.GetJsonAsync($"/admin/clients/{clientId}", admin);
        Assert.False(read.TryGetProperty("clientSecret", out _));
        var list = await client.GetJsonAsync("/admin/clients", admin);
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        Assert.All(list.EnumerateArray(), c => Assert.False(c.TryGetProperty("clientSecret", out _)));

        using var reset = await client.SendAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secret", admin);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var second = (await reset.ReadJsonAsync()).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, second);

        await issuer.AuditedAsync(AuditEventTypes.AdminClientSecretReset, clientId);
        await using var db = issuer.Services.CreateDbContext();
        var stored = await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == clientId, Cancel);
        Assert.False(string.IsNullOrEmpty(stored.ClientSecret));
        Assert.DoesNotContain(second, stored.ClientSecret!, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored.ClientSecret!, StringComparison.Ordinal);
        var rows = await db.Set<AuditEntry>().Where(e => e.Subject == clientId).ToListAsync(Cancel);
        Assert.All(rows, r => Assert.DoesNotContain("acs_", r.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APublicClientHasNoSecretToReset()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());

        using var reset = await client.SendAsync(HttpMethod.Post, $"/admin/clients/{OidcClientSeeder.KubectlClientId}/secret", admin);

        var problem = await reset.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("public client", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { """{"clientId":"Has Spaces","type":"public","grants":["urn:ietf:params:oauth:grant-type:device_code"]}""", "clientId" },
        { """{"clientId":"x","type":"public","grants":["urn:ietf:params:oauth:grant-type:device_code"]}""", "clientId" },
        { """{"clientId":"@id","type":"secretive","grants":["urn:ietf:params:oauth:grant-type:device_code"]}""", "type" },
        { """{"clientId":"@id","type":"public","grants":[]}""", "grants" },
        { """{"clientId":"@id","type":"public","grants":["password"]}""", "grants" },
        { """{"clientId":"@id","type":"public","grants":["client_credentials"]}""", "grants" },
        { """{"clientId":"@id","type":"public","grants":["refresh_token"]}""", "grants" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["/relative/callback"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://app.example/cb#fragment"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["http://app.example/cb"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://user:pw@app.example/cb"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://app.example/cb?iss=https://evil.example"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["javascript:alert(1)"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://app.example/a","https://app.example/a"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["urn:ietf:params:oauth:grant-type:device_code"],"redirectUris":["https://app.example/cb"]}""", "redirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://app.example/cb"],"postLogoutRedirectUris":["ftp://app.example/out"]}""", "postLogoutRedirectUris" },
        { """{"clientId":"@id","type":"public","grants":["authorization_code"],"redirectUris":["https://app.example/cb"],"displayName":"   "}""", "displayName" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task ABadRegistrationIsRefusedWithAProblemNamingTheFieldAndNothingIsStored(string body, string field)
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId("bad");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/clients")
        {
            Content = new StringContent(body.Replace("@id", clientId, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", admin);

        using var response = await client.SendAsync(request, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        await using var db = issuer.Services.CreateDbContext();
        Assert.False(await db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == clientId, Cancel));
    }

    [Fact]
    public async Task TooManyOrTooLongRedirectUrisAreRefused()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var many = Enumerable.Range(0, ClientRules.MaxUris + 1).Select(i => $"https://app.example/cb{i}").ToArray();
        var longUri = "https://app.example/" + new string('a', ClientRules.MaxUriLength);

        using var tooMany = await client.SendAsync(HttpMethod.Post, "/admin/clients", admin, new
        {
            clientId = ClientApi.FreshClientId(), type = "public", grants = new[] { "authorization_code" }, redirectUris = many,
        });
        using var tooLong = await client.SendAsync(HttpMethod.Post, "/admin/clients", admin, new
        {
            clientId = ClientApi.FreshClientId(), type = "public", grants = new[] { "authorization_code" }, redirectUris = new[] { longUri },
        });

        Assert.Contains("At most 20", (await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 512", (await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditThatBreaksTheRulesChangesNothing()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId();
        var redirect = ClientApi.FreshRedirect();
        await client.CreatePublicClientAsync(admin, clientId, redirect);

        // A new name with an empty redirect list: the list is refused, so the name must not change either.
        using var edit = await client.SendAsync(HttpMethod.Patch, $"/admin/clients/{clientId}", admin, new { displayName = "Half done", redirectUris = Array.Empty<string>() });

        var problem = await edit.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("redirectUris", out _));
        var read = await client.GetJsonAsync($"/admin/clients/{clientId}", admin);
        Assert.Equal("Test app", read.GetProperty("displayName").GetString());
        Assert.Equal([redirect], Strings(read, "redirectUris"));
    }

    [Fact]
    public async Task ATakenClientIdIsRefusedWith409AndAudited()
    {
        using var client = issuer.CreateClient();
        var (admin, adminId, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());
        var clientId = ClientApi.FreshClientId();
        await client.CreatePublicClientAsync(admin, clientId, ClientApi.FreshRedirect());

        using var again = await client.SendAsync(HttpMethod.Post, "/admin/clients", admin, new
        {
            clientId, type = "confidential", grants = new[] { "urn:ietf:params:oauth:grant-type:device_code" },
        });

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ClientConflicts.IdTaken, problem.GetProperty("detail").GetString());
        Assert.Equal("public", (await client.GetJsonAsync($"/admin/clients/{clientId}", admin)).GetProperty("type").GetString());
        var row = await issuer.AuditedAsync(AuditEventTypes.AdminClientCreated, clientId, AuditOutcomes.Failure);
        Assert.Equal(("client_id_taken", adminId.ToString()), (row.Detail, row.Actor));
    }

    [Fact]
    public async Task TheBuiltInKubectlClientCannotBeDeleted()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());

        using var delete = await client.SendAsync(HttpMethod.Delete, $"/admin/clients/{OidcClientSeeder.KubectlClientId}", admin);

        var problem = await delete.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ClientConflicts.BuiltIn, problem.GetProperty("detail").GetString());
        Assert.Equal(OidcClientSeeder.KubectlClientId, (await client.GetJsonAsync($"/admin/clients/{OidcClientSeeder.KubectlClientId}", admin)).GetProperty("clientId").GetString());
        var row = await issuer.AuditedAsync(AuditEventTypes.AdminClientDeleted, OidcClientSeeder.KubectlClientId, AuditOutcomes.Failure);
        Assert.Equal("built_in", row.Detail);
    }

    [Fact]
    public async Task UnknownClientsAre404()
    {
        using var client = issuer.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => issuer.Services.CreateDbContext());

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin/clients/nobody-here"), (HttpMethod.Delete, "/admin/clients/nobody-here"), (HttpMethod.Post, "/admin/clients/nobody-here/secret") })
        {
            using var response = await client.SendAsync(method, path, admin);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        using var patch = await client.SendAsync(HttpMethod.Patch, "/admin/clients/nobody-here", admin, new { displayName = "x" });
        await patch.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact] // S14
    public async Task OnlyAdminsManageClients()
    {
        using var client = issuer.CreateClient();
        var (user, _, _, _) = await client.CreateUserAsync();
        var body = new { clientId = ClientApi.FreshClientId(), type = "public", grants = new[] { "urn:ietf:params:oauth:grant-type:device_code" } };

        using var anonymous = await client.SendAsync(HttpMethod.Get, "/admin/clients", null);
        using var ordinaryList = await client.SendAsync(HttpMethod.Get, "/admin/clients", user);
        using var ordinaryCreate = await client.SendAsync(HttpMethod.Post, "/admin/clients", user, body);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ordinaryList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ordinaryCreate.StatusCode);
        await using var db = issuer.Services.CreateDbContext();
        Assert.False(await db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == body.clientId, Cancel));
    }

    [Fact]
    public void AllThreeGrantsGiveExactlyThePermissionsOfTheSeededClients() =>
        Assert.Equal(OidcClientSeeder.FirstPartyPermissions.Order(StringComparer.Ordinal), ClientGrants.Permissions(ClientGrants.All).Order(StringComparer.Ordinal));

    private static List<string> Strings(JsonElement json, string property) =>
        [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
