using System.Net;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Protection;

/// <summary>S12 and S4: failed logins lock the account for growing times, and the answer never tells.</summary>
public sealed class LockoutTests(TestServices services) : IAsyncDisposable
{
    private const string WrongPassword = "not the password at all";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ApiFactory? _api;

    private ApiFactory Api => _api ??= services.CreateApi(time: _clock, services: ClientAddressHeader.Register);

    [Fact] // S12
    public async Task FifthFailureLocksTheAccountSoEvenTheRightPasswordIsRefused()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();

        await FailAsync(client, email, 5);
        using var locked = await client.PostTokenAsync(email, password);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal("invalid_grant", (await locked.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact] // S12
    public async Task FourFailuresDoNotLock()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();

        await FailAsync(client, email, 4);

        await client.LoginAsync(email, password);
    }

    [Fact] // S12
    public async Task TheFirstLockEndsAfterOneMinute()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        await FailAsync(client, email, 5);

        _clock.Advance(TimeSpan.FromSeconds(59));
        using (var stillLocked = await client.PostTokenAsync(email, password)) Assert.Equal(HttpStatusCode.BadRequest, stillLocked.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await client.LoginAsync(email, password);
    }

    [Fact] // S12
    public async Task EachFurtherLockLastsTwiceAsLong()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        await FailAsync(client, email, 5);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await FailAsync(client, email, 5);
        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        using (var stillLocked = await client.PostTokenAsync(email, password)) Assert.Equal(HttpStatusCode.BadRequest, stillLocked.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await client.LoginAsync(email, password);
    }

    [Fact] // S12
    public async Task FailuresOlderThanTheWindowDoNotCount()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();

        await FailAsync(client, email, 4);
        _clock.Advance(TimeSpan.FromMinutes(15));
        await FailAsync(client, email, 4);

        await client.LoginAsync(email, password);
    }

    [Fact] // S12
    public async Task ASuccessfulLoginForgivesEarlierFailures()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();

        await FailAsync(client, email, 4);
        await client.LoginAsync(email, password);
        await FailAsync(client, email, 4);

        await client.LoginAsync(email, password);
    }

    [Fact] // S4
    public async Task LockedUnknownAndWrongPasswordGetTheSameAnswer()
    {
        using var client = Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (other, _, _) = await client.RegisterAsync();
        await FailAsync(client, email, 5);

        using var locked = await client.PostTokenAsync(email, password);
        using var wrong = await client.PostTokenAsync(other, WrongPassword);
        using var unknown = await client.PostTokenAsync(FreshEmail("nobody"), WrongPassword);

        var lockedBody = await locked.Content.ReadAsStringAsync(Cancel);
        Assert.All(new[] { wrong, unknown }, r => Assert.Equal(locked.StatusCode, r.StatusCode));
        Assert.Equal(lockedBody, await wrong.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(lockedBody, await unknown.Content.ReadAsStringAsync(Cancel));
    }

    [Fact] // S4, S12
    public async Task UnknownEmailsLockLikeRealOnesSoLockingRevealsNoAccount()
    {
        using var client = Api.CreateClient();
        var unknown = FreshEmail("nobody");

        await FailAsync(client, unknown, 5);

        var rows = await services.AuditRowsAsync(unknown);
        Assert.Contains(rows, r => r.Type == AuditEventTypes.Lockout);
    }

    [Fact] // S12, S18
    public async Task LockoutIsAuditedForTheAccount()
    {
        using var client = Api.CreateClient();
        var (email, _, _) = await client.RegisterAsync();

        await FailAsync(client, email, 5);

        var rows = await services.AuditRowsAsync((await services.UserIdAsync(email)).ToString());
        Assert.Equal(5, rows.Count(r => r is { Type: AuditEventTypes.Login, Outcome: AuditOutcomes.Failure, Detail: "wrong_password" }));
        Assert.Single(rows, r => r.Type == AuditEventTypes.Lockout);
    }

    [Fact] // S12
    public async Task FailuresFromOneAddressLockThatAddressOnly()
    {
        await using var api = services.CreateApi(s => s["Auth:Lockout:MaxFailedAttemptsPerAddress"] = "3", _clock, services: ClientAddressHeader.Register);
        using var attacker = ClientAddressHeader.CreateClient(api, "203.0.113.7");
        using var neighbour = ClientAddressHeader.CreateClient(api, "198.51.100.9");
        var (email, password, _) = await neighbour.RegisterAsync();

        foreach (var target in Enumerable.Range(0, 3).Select(_ => FreshEmail("sprayed")))
        {
            using var failure = await attacker.PostTokenAsync(target, WrongPassword);
        }

        using var fromAttacker = await attacker.PostTokenAsync(email, password);
        Assert.Equal(HttpStatusCode.BadRequest, fromAttacker.StatusCode);
        await neighbour.LoginAsync(email, password);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
    }

    private static async Task FailAsync(HttpClient client, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await client.PostTokenAsync(email, WrongPassword);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
