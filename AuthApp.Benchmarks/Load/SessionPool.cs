using System.Net.Http.Headers;
using System.Text.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Tokens;
using AuthApp.Benchmarks.Api;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// Live sessions of the benchmark user, many more than password logins could make (each costs a PBKDF2 hash):
/// minted with the API's own <see cref="TokenIssuer"/> under the system's token-hash key, so Redis holds exactly
/// what a login writes. /revoke and the refresh grant then do their real work on them.
/// </summary>
internal sealed class SessionPool : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly TokenIssuer _issuer;
    private readonly AccountVersions _versions;
    private readonly AccountSnapshot _account;

    private SessionPool(ConnectionMultiplexer redis, TokenIssuer issuer, AccountVersions versions, AccountSnapshot account)
    {
        _redis = redis;
        _issuer = issuer;
        _versions = versions;
        _account = account;
    }

    public static async Task<SessionPool> CreateAsync(RunningAuthApp system, string accessToken)
    {
        var key = await SystemSecrets.ParameterAsync(system.App, "token-hash-key");
        var options = ConfigurationOptions.Parse(await system.App.GetConnectionStringAsync("redis")
            ?? throw new InvalidOperationException("The system has no Redis connection string."));
        options.AllowAdmin = true; // BGREWRITEAOF after minting
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var access = Options.Create(new AccessTokenOptions { TokenHashKey = key });
        var refresh = Options.Create(new RefreshTokenOptions());
        var hasher = new TokenHasher(access, new HostingEnvironment { EnvironmentName = Environments.Production }, NullLogger<TokenHasher>.Instance);
        var accounts = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:authdb", await system.App.GetConnectionStringAsync("authdb"))])
            .Build();
        var families = new TokenFamilies(redis, TimeProvider.System, refresh, new AuditOutbox(accounts));
        var issuer = new TokenIssuer(families, hasher, access, refresh, TimeProvider.System);
        return new SessionPool(redis, issuer, new AccountVersions(redis), await CurrentUserAsync(system, accessToken));
    }

    /// <summary>Mints <paramref name="count"/> sessions; answers their access or refresh tokens.</summary>
    public async Task<string[]> IssueAsync(int count, bool refreshTokens)
    {
        var tokens = new string[count];
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = "AuthApp.Benchmarks load";
        var version = await _versions.ReadAsync(_account.UserId);
        // Batches keep a few hundred transactions in flight: fast, without queueing the whole pool in memory.
        for (var start = 0; start < count; start += 256)
        {
            var batch = Enumerable.Range(start, Math.Min(256, count - start))
                .Select(async i =>
                {
                    var issued = await _issuer.IssueAsync(_account, version, context)
                        ?? throw new InvalidOperationException("The benchmark user's account changed while its sessions were minted.");
                    tokens[i] = refreshTokens ? issued.RefreshToken : issued.AccessToken;
                });
            await Task.WhenAll(batch);
        }

        await PersistenceSettledAsync();
        return tokens;
    }

    /// <summary>
    /// Minting a large pool grows Redis's append-only file towards its automatic rewrite, which would then fork during
    /// the next measured run and charge the pool's setup to that endpoint. So the file is compacted now, and the run
    /// starts once Redis persists nothing in the background (at most two minutes); a rewrite the measured requests'
    /// own writes cause still counts.
    /// </summary>
    private async Task PersistenceSettledAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await BackgroundPersistenceEndedAsync(limit.Token);
        await _redis.GetServers()[0].ExecuteAsync("BGREWRITEAOF");
        await BackgroundPersistenceEndedAsync(limit.Token);
    }

    private async Task BackgroundPersistenceEndedAsync(CancellationToken cancellationToken)
    {
        string[] busy = ["aof_rewrite_in_progress:1", "aof_rewrite_scheduled:1", "rdb_bgsave_in_progress:1"];
        // Redis starts a scheduled rewrite in its periodic cron: give it the chance to start first.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        while (true)
        {
            var info = (string?)await _redis.GetDatabase().ExecuteAsync("INFO", "persistence") ?? string.Empty;
            if (!busy.Any(flag => info.Contains(flag, StringComparison.Ordinal))) return;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private static async Task<AccountSnapshot> CurrentUserAsync(RunningAuthApp system, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await system.Api.SendAsync(request);
        await RunningAuthApp.EnsureSuccessAsync(response, "GET /users/me");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var user = json.RootElement;
        return new AccountSnapshot(
            user.GetProperty("id").GetGuid(),
            user.GetProperty("email").GetString()!,
            user.GetProperty("displayName").GetString(),
            [.. user.GetProperty("roles").EnumerateArray().Select(role => role.GetString()!)],
            user.GetProperty("createdAt").GetDateTimeOffset());
    }
}
