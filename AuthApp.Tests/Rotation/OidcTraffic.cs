using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthApp.Tests.Faults;
using AuthApp.Tests.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApp.Tests.Rotation;

/// <summary>The tokens of one issuer session (a kubectl login), replaced by each refresh grant.</summary>
public sealed class OidcSession(JsonElement login)
{
    private readonly Lock _lock = new();

    public string Refresh { get; private set; } = login.GetProperty("refresh_token").GetString()!;

    public string Access { get; private set; } = login.GetProperty("access_token").GetString()!;

    public string IdToken { get; private set; } = login.GetProperty("id_token").GetString()!;

    public void Replace(JsonElement answer)
    {
        lock (_lock)
        {
            Refresh = answer.GetProperty("refresh_token").GetString()!;
            Access = answer.GetProperty("access_token").GetString()!;
            IdToken = answer.GetProperty("id_token").GetString()!;
        }
    }
}

/// <summary>
/// Steady issuer traffic across replicas, each request to the next one: refresh grants at <c>/connect/token</c>,
/// userinfo with the issuer's access tokens, and id_tokens checked as a relying party (or the Kubernetes API server)
/// checks them, against the JWKS fetched fresh from the replica in turn. A refused id_token counts as a 401.
/// </summary>
public sealed class OidcTraffic(Uri issuer, IReadOnlyList<Uri> replicas)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private int _next;

    /// <summary>Who signed what: the replica answering a refresh grant and the <c>kid</c> of the id_token it gave.</summary>
    public ConcurrentQueue<(DateTimeOffset At, Uri Replica, string KeyId)> Issued { get; } = new();

    /// <summary>Which key ids a replica's JWKS held, as a relying party saw it.</summary>
    public ConcurrentQueue<(DateTimeOffset At, Uri Replica, string[] KeyIds)> Published { get; } = new();

    /// <summary>Why a relying party refused an id_token, for the failure message.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public void Start(Traffic traffic, IReadOnlyList<OidcSession> sessions, string earlierIdToken)
    {
        foreach (var session in sessions)
        {
            traffic.Run("oidc-refresh", () => new HttpClient(), (http, cancel) => RefreshAsync(http, session, cancel));
        }

        traffic.Run("userinfo", () => new HttpClient(), async (http, cancel) =>
        {
            await Task.Delay(Pause, cancel);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(NextReplica(), "connect/userinfo"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessions[0].Access);
            return await http.SendAsync(request, cancel);
        });
        traffic.Run("id-token", () => new HttpClient(), async (http, cancel) =>
        {
            await Task.Delay(Pause, cancel);
            var replica = NextReplica();
            var jwks = await http.GetAsync(new Uri(replica, ".well-known/jwks"), cancel);
            if (!jwks.IsSuccessStatusCode) return jwks;
            var keys = new JsonWebKeySet(await jwks.Content.ReadAsStringAsync(cancel)).GetSigningKeys();
            Published.Enqueue((DateTimeOffset.UtcNow, replica, [.. keys.Select(k => k.KeyId)]));
            foreach (var token in new[] { earlierIdToken, sessions[^1].IdToken })
            {
                var result = await ValidateAsync(token, keys);
                if (!result.IsValid)
                {
                    Refusals.Enqueue($"{replica}: {new JsonWebToken(token).Kid}: {result.Exception?.GetType().Name}");
                    return new HttpResponseMessage(HttpStatusCode.Unauthorized);
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        });
    }

    public Task<TokenValidationResult> ValidateAsync(string idToken, IEnumerable<SecurityKey> keys) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = issuer.AbsoluteUri,
            ValidAudience = CodeFlow.KubectlClient,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
        });

    public static async Task<HttpResponseMessage> RefreshGrantAsync(HttpClient http, Uri replica, string refreshToken, CancellationToken cancel)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CodeFlow.KubectlClient,
            ["refresh_token"] = refreshToken,
        });
        var response = await http.PostAsync(new Uri(replica, "connect/token"), form, cancel);
        await response.Content.LoadIntoBufferAsync(cancel);
        return response;
    }

    private async Task<HttpResponseMessage> RefreshAsync(HttpClient http, OidcSession session, CancellationToken cancel)
    {
        // Steady, not flat out: each grant signs with RSA and writes PostgreSQL, and the rotation process needs CPU too.
        await Task.Delay(Pause, cancel);
        var replica = NextReplica();
        var response = await RefreshGrantAsync(http, replica, session.Refresh, cancel);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement;
            session.Replace(answer);
            Issued.Enqueue((DateTimeOffset.UtcNow, replica, new JsonWebToken(session.IdToken).Kid));
        }

        return response;
    }

    private Uri NextReplica() => replicas[Interlocked.Increment(ref _next) % replicas.Count];
}
