using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthApp.Tests.Faults;
using AuthApp.Tests.Infrastructure;
using AuthApp.Tests.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Rotation;

/// <summary>
/// The issuer's signing key rotated by <c>rotate-credentials oidc-signing-key</c> while two API replicas answer refresh
/// grants, userinfo and relying parties' JWKS fetches, and opaque-token checks keep coming (decision 0098): not one
/// request fails, what was signed before still validates, and every session from before still refreshes.
/// </summary>
[Collection(nameof(FaultCollection))]
public sealed class OidcRotationUnderLoadTests(TestServices services)
{
    [Fact]
    public async Task OidcSigningKeyRotationAcrossTwoReplicasFailsNoRequestAndLosesNoSession()
    {
        await using var rig = await RotationRig.StartAsync(services);
        var issuer = new Uri($"http://127.0.0.1:{ProcessRunner.FreePort()}/");
        // One issuer name for both replicas, as behind a load balancer; plain HTTP is allowed in Testing only.
        rig.Overrides["DOTNET_ENVIRONMENT"] = "Testing";
        rig.Overrides["Oidc:Issuer"] = issuer.AbsoluteUri;
        // Short, so the window where a replica still holds the old key set is seconds, not half a minute.
        rig.Overrides["Oidc:KeyRefreshInterval"] = "00:00:02";
        await rig.StartApiAsync(services, issuer);
        await rig.StartReplicaAsync(services);
        Uri[] replicas = [rig.Api.Address, rig.Replica!.Address];

        using var setup = rig.Api.CreateClient();
        var users = await AccountTraffic.PrepareAsync(setup, 2);
        var busy = new[] { await LoginAsync(rig, issuer, setup), await LoginAsync(rig, issuer, setup) };
        // Sessions left alone during the load: each must refresh afterwards, on either replica.
        var idle = new[] { await LoginAsync(rig, issuer, setup), await LoginAsync(rig, issuer, setup) };
        var earlierIdToken = idle[0].IdToken;
        var oldKeyId = new JsonWebToken(earlierIdToken).Kid;

        var oidc = new OidcTraffic(issuer, replicas);
        var load = new AccountTraffic();
        await using var traffic = new Traffic();
        oidc.Start(traffic, busy, earlierIdToken);
        load.Start(traffic, rig.Api.CreateClient, users);
        await Poll.UntilAsync(() => traffic.Count("oidc-refresh", o => o.Status == 200) >= 10 && traffic.Count("id-token", o => o.Status == 200) >= 4,
            TimeSpan.FromSeconds(60), "issuer traffic to flow before the rotation");

        var started = DateTimeOffset.UtcNow;
        var (exitCode, output) = await rig.RotateAsync(services, "oidc-signing-key");
        var rotated = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() => traffic.Count("oidc-refresh", o => o.Started > rotated) >= 4 && traffic.Count("id-token", o => o.Started > rotated) >= 4,
            TimeSpan.FromSeconds(60), "issuer traffic after the rotation");
        await traffic.StopAsync();

        Assert.True(exitCode == 0, output);
        var failed = traffic.Outcomes.Where(o => o.Status is not (200 or 201)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(Traffic.Describe(traffic.Outcomes));
        Assert.True(failed.Count == 0, $"failed requests: {Traffic.Describe(failed)}\nrefused id_tokens: {string.Join("; ", oidc.Refusals)}\n"
            + $"The API said:\n{rig.Api.Output}\nThe replica said:\n{rig.Replica.Output}");
        var during = traffic.Within(started, rotated).ToList();
        Assert.True(during.Count(o => o.Operation == "oidc-refresh") >= 5, Traffic.Describe(during)); // the rotation did run under load

        var newKeyId = await CurrentSigningKeyAsync(rig);
        Assert.NotEqual(oldKeyId, newKeyId);
        // Both replicas signed with the old key before and with the new one after; nothing else ever signed.
        Assert.All(replicas, replica => Assert.Contains(oidc.Issued, s => s.Replica == replica && s.At < started && s.KeyId == oldKeyId));
        Assert.All(replicas, replica => Assert.Contains(oidc.Issued, s => s.Replica == replica && s.At > rotated && s.KeyId == newKeyId));
        Assert.All(oidc.Issued, s => Assert.Contains(s.KeyId, new[] { oldKeyId, newKeyId }));
        // The multi-replica window: each replica published the new key before any replica signed with it, so no replica
        // (nor a relying party asking it) ever met a token signed with a key it did not hold.
        var firstSigned = oidc.Issued.Where(s => s.KeyId == newKeyId).Min(s => s.At);
        Assert.All(replicas, replica => Assert.True(
            oidc.Published.Any(p => p.Replica == replica && p.At < firstSigned && p.KeyIds.Contains(newKeyId)),
            $"{replica} did not publish {newKeyId} before it first signed at {firstSigned:O}"));

        for (var i = 0; i < replicas.Length; i++)
        {
            // What was signed before validates against each replica's JWKS after the rotation.
            var keys = await JwksAsync(setup, replicas[i]);
            Assert.True((await oidc.ValidateAsync(earlierIdToken, keys)).IsValid, $"the id_token from before the rotation is refused by {replicas[i]}'s JWKS");
            // No session lost: an idle session from before refreshes, now signed with the new key, and its access token works.
            using var refreshed = await OidcTraffic.RefreshGrantAsync(setup, replicas[i], idle[i].Refresh, Cancel);
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            idle[i].Replace(JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync(Cancel)).RootElement);
            Assert.Equal(newKeyId, new JsonWebToken(idle[i].IdToken).Kid);
            Assert.True((await oidc.ValidateAsync(idle[i].IdToken, await JwksAsync(setup, replicas[1 - i]))).IsValid);
            Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(setup, replicas[1 - i], idle[i].Access));
        }

        foreach (var user in users)
        {
            Assert.Equal(HttpStatusCode.OK, await setup.MeStatusAsync(user.Access));
            var (access, _) = await setup.RefreshPairAsync(user.Refresh);
            Assert.Equal(HttpStatusCode.OK, await setup.MeStatusAsync(access));
        }

        await AssertAuditedAsync(rig, newKeyId);
    }

    /// <summary>A verified account (the issuer signs in verified emails only) and its kubectl login on the first replica.</summary>
    private async Task<OidcSession> LoginAsync(RotationRig rig, Uri issuer, HttpClient api)
    {
        var (email, password, _) = await api.RegisterAsync();
        var normalized = email.ToLowerInvariant();
        await using (var db = services.CreateDbContext(rig.Database))
        {
            await db.Users.Where(u => u.NormalizedEmail == normalized)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailVerified, true), Cancel);
        }

        using var flow = new CodeFlow(issuer);
        return new OidcSession(await flow.LoginAsync(email, password));
    }

    private static async Task<IList<SecurityKey>> JwksAsync(HttpClient http, Uri replica) =>
        new JsonWebKeySet(await http.GetStringAsync(new Uri(replica, ".well-known/jwks"), Cancel)).GetSigningKeys();

    private static async Task<HttpStatusCode> UserInfoStatusAsync(HttpClient http, Uri replica, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(replica, "connect/userinfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    private static async Task<string> CurrentSigningKeyAsync(RotationRig rig)
    {
        await using var connection = new NpgsqlConnection(rig.Database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT id FROM oidc_keys WHERE purpose = 'signing' AND retired_at IS NULL AND created_at <= now() ORDER BY created_at DESC LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    /// <summary>S18: who rotated the signing key and when, naming the new key id (public in the JWKS), never key material.</summary>
    private static async Task AssertAuditedAsync(RotationRig rig, string newKeyId)
    {
        await using var connection = new NpgsqlConnection(rig.Database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT actor, subject, outcome, coalesce(detail, '') FROM audit_events WHERE type = 'secret.rotate'", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel), "no audit event for the rotation");
        Assert.Equal(("rotation-test", "oidc-signing-key", "success", $"current key {newKeyId}"),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        Assert.False(await reader.ReadAsync(Cancel), "more than one audit event for one rotation");
    }
}
