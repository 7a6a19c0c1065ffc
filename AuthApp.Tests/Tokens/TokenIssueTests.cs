using System.Diagnostics;
using System.Net;
using System.Text;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

public sealed class TokenIssueTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S5, S9
    public async Task PasswordGrantReturnsABearerTokenThatIsNotCached()
    {
        var (email, password, _) = await _client.RegisterAsync();

        using var response = await _client.PostTokenAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.ReadJsonAsync();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.StartsWith("aat_", token, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(token[4..].Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public async Task EveryLoginGetsADifferentToken()
    {
        var (email, password, _) = await _client.RegisterAsync();

        var first = await _client.LoginAsync(email, password);
        var second = await _client.LoginAsync(email, password);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task UsernameIsMatchedWithoutCase()
    {
        var (email, password, _) = await _client.RegisterAsync();

        Assert.NotEmpty(await _client.LoginAsync(email.ToUpperInvariant(), password));
    }

    [Fact] // S4
    public async Task UnknownUserAndWrongPasswordGetTheSameAnswer()
    {
        var (email, _, _) = await _client.RegisterAsync();

        using var wrongPassword = await _client.PostTokenAsync(email, "not the password at all");
        using var unknownUser = await _client.PostTokenAsync(FreshEmail("nobody"), "not the password at all");

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        var wrongBody = await wrongPassword.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(wrongBody, await unknownUser.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("\"error\":\"invalid_grant\"", wrongBody, StringComparison.Ordinal);
        Assert.Equal(wrongPassword.Headers.CacheControl?.ToString(), unknownUser.Headers.CacheControl?.ToString());
    }

    [Fact] // S4
    public async Task UnknownUserCostsAboutAsLongAsAWrongPassword()
    {
        var (email, _, _) = await _client.RegisterAsync();
        using (await _client.PostTokenAsync(FreshEmail("warmup"), "warm up the dummy hash")) { }

        // Alternate the two so that load from tests running in parallel hits both alike.
        var wrong = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            wrong.Add(await TimeAsync(() => _client.PostTokenAsync(email, "not the password at all")));
            unknown.Add(await TimeAsync(() => _client.PostTokenAsync(FreshEmail("nobody"), "not the password at all")));
        }

        // Both pay for one PBKDF2 run (~100 ms); without the dummy hash "unknown" would take ~1 ms.
        var ratio = Median(unknown) / Median(wrong);
        Assert.InRange(ratio, 0.4, 2.5);
    }

    [Theory] // S9
    [InlineData("grant_type=client_credentials&username=a%40example.com&password=x", "unsupported_grant_type")]
    [InlineData("username=a%40example.com&password=x", "invalid_request")]
    [InlineData("grant_type=password&password=x", "invalid_request")]
    [InlineData("grant_type=password&username=a%40example.com", "invalid_request")]
    [InlineData("grant_type=password&grant_type=password&username=a%40example.com&password=x", "invalid_request")]
    public async Task MalformedGrantsGetOAuthErrors(string form, string error)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _client.PostAsync("/token", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task JsonBodyIsAnInvalidRequestNotAProblem()
    {
        using var content = new StringContent("{\"username\":\"a@example.com\",\"password\":\"x\"}", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/token", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact] // S13
    public async Task HugeFormIsRefusedWithAnOAuthError()
    {
        var form = $"grant_type=password&username=a%40example.com&password={new string('x', 100_000)}";
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _client.PostAsync("/token", content, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task SqlLikeUsernameIsJustAWrongLogin()
    {
        using var response = await _client.PostTokenAsync("' OR 1=1; --", "' OR '1'='1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> request)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await request();
        return Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
