using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>S14: every admin endpoint demands the admin role on the server.</summary>
public sealed class AdminAuthorizationTests(TestServices services)
{
    private const string SomeUser = "0199c3a0-0000-7000-8000-000000000001";

    private readonly HttpClient _client = services.Api.CreateClient();

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/admin/users" },
        { "GET", $"/admin/users/{SomeUser}" },
        { "POST", "/admin/users" },
        { "PATCH", $"/admin/users/{SomeUser}" },
        { "POST", $"/admin/users/{SomeUser}/disable" },
        { "POST", $"/admin/users/{SomeUser}/enable" },
        { "DELETE", $"/admin/users/{SomeUser}" },
        { "PUT", $"/admin/users/{SomeUser}/password" },
        { "GET", $"/admin/users/{SomeUser}/sessions" },
        { "DELETE", $"/admin/users/{SomeUser}/sessions" },
        { "DELETE", $"/admin/users/{SomeUser}/sessions/abc" },
    };

    [Theory] // S14
    [MemberData(nameof(Endpoints))]
    public async Task AnonymousCallerGets401WithABearerChallenge(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpMethod(method), path, token: null, body: Body(method));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory] // S14
    [MemberData(nameof(Endpoints))]
    public async Task SignedInUserWithoutTheAdminRoleGets403(string method, string path)
    {
        var (token, _, _, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(new HttpMethod(method), path, token, Body(method));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact] // S14
    public async Task RevokedAdminTokenGets401()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        using (var revoke = await _client.PostAsync("/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var response = await _client.SendAsync(HttpMethod.Get, "/admin/users", token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static object? Body(string method) => method is "POST" or "PATCH" or "PUT" ? new { } : null;
}
