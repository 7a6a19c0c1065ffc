using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary><c>GET /admin/users</c>: search, sort and paging over the real database.</summary>
public sealed class UserListTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task SearchMatchesEmailOrDisplayNameIgnoringCase()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var tag = Guid.NewGuid().ToString("N")[..10];
        var byEmail = await CreateAsync(token, $"Find-{tag}@Example.com", "Someone");
        var byName = await CreateAsync(token, FreshEmail(), $"Ms {tag.ToUpperInvariant()} Smith");
        await CreateAsync(token, FreshEmail(), "Unrelated");

        var page = await _client.GetJsonAsync($"/admin/users?search={tag.ToUpperInvariant()}", token);

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(new[] { byEmail, byName }.Order(), Ids(page).Order());
    }

    [Fact]
    public async Task SearchTreatsLikeWildcardsAsPlainCharacters()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var tag = Guid.NewGuid().ToString("N")[..10];
        var literal = await CreateAsync(token, FreshEmail(), $"{tag} 100% sure");
        await CreateAsync(token, FreshEmail(), $"{tag} 1000 sure");

        var page = await _client.GetJsonAsync($"/admin/users?search={Uri.EscapeDataString($"{tag} 100%")}", token);

        Assert.Equal([literal], Ids(page));
    }

    [Fact]
    public async Task PagesFollowTheSortOrderWithoutOverlapAndCountTheWholeResult()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var tag = Guid.NewGuid().ToString("N")[..10];
        foreach (var letter in new[] { "d", "a", "e", "c", "b" })
        {
            await CreateAsync(token, $"{letter}-{tag}@example.com", $"Name {tag} {letter}");
        }

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await _client.GetJsonAsync($"/admin/users?search={tag}&sort=email&order=asc&page={page}&pageSize=2", token));
        }

        var emails = pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(u => u.GetProperty("email").GetString()![..1]).ToList();
        Assert.Equal(["a", "b", "c", "d", "e"], emails);
        Assert.All(pages, p => Assert.Equal(5, p.GetProperty("total").GetInt32()));
        Assert.Equal([2, 2, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal(2, pages[0].GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("displayName", "desc", new[] { "e", "d", "c", "b", "a" })]
    [InlineData("displayName", "asc", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("createdAt", "asc", new[] { "c", "a", "e", "b", "d" })]
    [InlineData("createdAt", "desc", new[] { "d", "b", "e", "a", "c" })]
    [InlineData("email", "desc", new[] { "e", "d", "c", "b", "a" })]
    public async Task SortsByTheRequestedFieldAndDirection(string sort, string order, string[] expected)
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var tag = Guid.NewGuid().ToString("N")[..10];
        // Created in this order, so createdAt order is c, a, e, b, d.
        foreach (var letter in new[] { "c", "a", "e", "b", "d" })
        {
            await CreateAsync(token, $"{letter}-{tag}@example.com", $"{letter} {tag}");
        }

        var page = await _client.GetJsonAsync($"/admin/users?search={tag}&sort={sort}&order={order}", token);

        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()![..1]));
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=2147483647&pageSize=2", "page")] // the offset would overflow
    [InlineData("sort=password", "sort")]
    [InlineData("order=sideways", "order")]
    public async Task BadListParameterIsA400NamingIt(string query, string parameter)
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Get, $"/admin/users?{query}", token);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task NonNumericPageIsA400()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Get, "/admin/users?page=first", token);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListNeverShowsPasswordHashes()
    {
        var (token, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Get, "/admin/users?pageSize=100", token);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal); // Identity v3 hash prefix
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Guid> CreateAsync(string token, string email, string displayName)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/admin/users", token, new { email, password = FreshPassword(), displayName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }

    private static List<Guid> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid())];
}
