using System.Net;
using System.Net.Http.Json;
using System.Text;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Users;

public sealed class RegistrationTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact]
    public async Task RegisterReturnsTheUserWithoutAnyHash()
    {
        var email = FreshEmail();
        using var response = await _client.PostAsJsonAsync("/users", new { email, password = FreshPassword(), displayName = "Ada" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal("Ada", body.GetProperty("displayName").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        var raw = body.GetRawText();
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", raw, StringComparison.Ordinal); // Identity v3 hash prefix
    }

    [Fact] // S1
    public async Task StoredPasswordIsAPbkdf2HashWithTheConfiguredIterations()
    {
        var (email, password, _) = await _client.RegisterAsync();
        await using var db = services.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);

        Assert.DoesNotContain(password, user.PasswordHash, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(user.PasswordHash);
        Assert.Equal(0x01, bytes[0]); // format marker of Identity's v3 hash (PBKDF2)
        Assert.Equal(2u, ReadBigEndian(bytes, 1)); // PRF 2 = HMAC-SHA512
        Assert.Equal(210_000u, ReadBigEndian(bytes, 5));
    }

    [Fact]
    public async Task DuplicateEmailInAnotherCaseIsAConflict()
    {
        var email = $"Mixed.Case-{Guid.NewGuid():N}@Example.com";
        await _client.RegisterAsync(email);

        using var response = await _client.PostAsJsonAsync("/users", new { email = email.ToUpperInvariant(), password = FreshPassword() }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already exists", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnicodeEmailIsStoredAsSentAndMatchedWithoutCase()
    {
        var email = $"Zoë.Ünïcødé-{Guid.NewGuid():N}@exämple.com";
        var (_, password, user) = await _client.RegisterAsync(email);
        Assert.Equal(email, user.GetProperty("email").GetString());

        var token = await _client.LoginAsync(email.ToLowerInvariant(), password);
        using var me = await _client.GetMeAsync(token);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData(" padded@example.com")]
    [InlineData("Robert'); DROP TABLE users;--@example.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("")]
    public async Task InvalidEmailIsRejectedWithAProblemNamingTheField(string email)
    {
        using var response = await _client.PostAsJsonAsync("/users", new { email, password = FreshPassword() }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact] // S13
    public async Task SqlLikeInputIsStoredVerbatimAndHarmless()
    {
        const string name = "x'); DROP TABLE users; --";
        var password = "' OR '1'='1'; DELETE FROM users; -- " + Guid.NewGuid().ToString("N")[..8];
        var email = FreshEmail();
        using var response = await _client.PostAsJsonAsync("/users", new { email, password, displayName = name }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(name, (await response.ReadJsonAsync()).GetProperty("displayName").GetString());

        Assert.NotEmpty(await _client.LoginAsync(email, password));
        await using var db = services.CreateDbContext();
        Assert.True(await db.Users.AnyAsync(Cancel));
    }

    [Fact] // S13
    public async Task MalformedJsonIsABadRequestProblem()
    {
        using var content = new StringContent("{\"email\": \"a@example.com\", \"password\": ", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/users", content, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact] // S13
    public async Task UnknownFieldIsABadRequestProblemNamingIt()
    {
        var email = FreshEmail();
        using var response = await _client.PostAsJsonAsync("/users", new { email, password = FreshPassword(), isAdmin = true }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("isAdmin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = services.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email, Cancel)); // no partial write
    }

    [Theory] // S13
    [InlineData("{\"email\": 42, \"password\": \"correct horse battery staple 1\"}")]
    [InlineData("{\"email\": \"a@example.com\", \"password\": null}")]
    [InlineData("{\"email\": \"a@example.com\"}")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task WrongTypesAndMissingFieldsAreBadRequestProblems(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/users", content, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongContentTypeIsAnUnsupportedMediaTypeProblem()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = FreshEmail(), ["password"] = FreshPassword() });
        using var response = await _client.PostAsync("/users", content, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact] // S13
    public async Task HugeBodyIsRefusedAsTooLarge()
    {
        var json = $"{{\"email\": \"{FreshEmail()}\", \"password\": \"{new string('p', 100_000)}\"}}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/users", content, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverlongDisplayNameIsRejected()
    {
        using var response = await _client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword(), displayName = new string('n', 101) }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("displayName", out _));
    }

    private static uint ReadBigEndian(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
