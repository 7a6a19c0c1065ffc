using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Faults;

/// <summary>A registered user with the tokens of one login.</summary>
public sealed record LiveUser(string Email, string Password, string Access, string Refresh);

/// <summary>
/// The mix the restart tests run: token checks (<c>me</c>, <c>introspect</c>) with live tokens, logins and
/// registrations, each on its own workers. Registrations answered 201 are remembered, to find them again after.
/// </summary>
public sealed class AccountTraffic
{
    public ConcurrentBag<string> Registered { get; } = [];

    public static async Task<List<LiveUser>> PrepareAsync(HttpClient client, int count)
    {
        var users = new List<LiveUser>();
        for (var i = 0; i < count; i++)
        {
            var (email, password, _) = await client.RegisterAsync();
            var (access, refresh) = await client.LoginPairAsync(email, password);
            users.Add(new LiveUser(email, password, access, refresh));
        }

        return users;
    }

    public void Start(Traffic traffic, Func<HttpClient> client, IReadOnlyList<LiveUser> users)
    {
        var next = 0;
        string AnyToken() => users[Interlocked.Increment(ref next) % users.Count].Access;
        traffic.Run("me", client, (http, _) => http.GetMeAsync(AnyToken()), workers: 3);
        traffic.Run("introspect", client, (http, _) => http.IntrospectAsync(AnyToken()));
        // Logins and registrations hash a password (~0.1 s of CPU each): one worker each is load enough on 2 cores.
        traffic.Run("login", client, (http, _) => http.PostTokenAsync(users[0].Email, users[0].Password));
        traffic.Run("register", client, async (http, cancel) =>
        {
            var email = FreshEmail("fault");
            var response = await http.PostAsJsonAsync("/users", new { email, password = FreshPassword() }, cancel);
            if (response.StatusCode == HttpStatusCode.Created) Registered.Add(email);
            return response;
        });
    }

    /// <summary>Every email that was answered 201 (or prepared) has its account in the database.</summary>
    public async Task AssertEveryAccountSurvivesAsync(TestServices services, string database, IEnumerable<LiveUser> prepared)
    {
        var expected = Registered.Concat(prepared.Select(u => u.Email)).Select(e => e.ToLowerInvariant()).ToHashSet();
        // Unpooled: a connection pooled before a PostgreSQL restart would fail the check, not the service.
        await using var db = services.CreateDbContext(database + ";Pooling=false");
        var found = await db.Users.Where(u => expected.Contains(u.NormalizedEmail)).CountAsync(Cancel);
        Assert.Equal(expected.Count, found);
    }
}
