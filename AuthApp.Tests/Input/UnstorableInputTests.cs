using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Input;

/// <summary>
/// Issue 11, item 1: strings PostgreSQL or Redis cannot take are refused at the edge with 400 naming the
/// field (S13), never a 503 that tells monitoring the database is down, and never echoing a secret (S17).
/// </summary>
public sealed class UnstorableInputTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S13: the bug the hostile-input sweep found (a 503 "Account store unavailable" while it was up)
    public async Task LoginWithNulInTheUsernameIsAnInvalidRequestNamingTheField()
    {
        using var response = await _client.PostTokenAsync("ada\0@example.com", FreshPassword());

        var error = await AssertOAuthInvalidRequestAsync(response);
        Assert.Contains("'username'", error, StringComparison.Ordinal);
        Assert.Contains("control character", error, StringComparison.Ordinal);
    }

    [Fact] // S13, S17
    public async Task LoginWithNulInThePasswordNamesTheFieldButNeverEchoesTheValue()
    {
        var secret = $"s3cret-{Guid.NewGuid():N}";

        using var response = await _client.PostTokenAsync(FreshEmail(), $"{secret}\0tail");

        var error = await AssertOAuthInvalidRequestAsync(response);
        Assert.Contains("'password'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain(services.Api.Logs.Lines, line => line.Everything.Contains(secret, StringComparison.Ordinal));
    }

    [Fact] // S13: a raw NUL byte in a form body, not only an encoded %00, is refused naming its field
    public async Task ARawNulByteInARevokeFormIsRefusedNamingTheField()
    {
        using var content = new ByteArrayContent([.. "token_type_hint=access_token&token=aat_"u8, 0, .. "x"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var response = await _client.PostAsync("/revoke", content, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _), problem.GetRawText());
    }

    [Fact] // S13, S17
    public async Task RegistrationWithNulInThePasswordIsRefusedByFieldWithoutTheValue()
    {
        var secret = $"s3cret-{Guid.NewGuid():N}";

        using var response = await PostJsonAsync("/users", $$"""{"email":"{{FreshEmail()}}","password":"{{secret}}\u0000 more words here"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        Assert.DoesNotContain(secret, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory] // S13: Npgsql cannot encode an unpaired surrogate; NFKC normalisation of a password throws on one
    [InlineData("displayName", """{"email":"{{email}}","password":"{{password}}","displayName":"Ada \ud800"}""")]
    [InlineData("password", """{"email":"{{email}}","password":"{{password}}\udc00"}""")]
    [InlineData("email", """{"email":"a\ud83d{{email}}","password":"{{password}}"}""")]
    public async Task AnUnpairedSurrogateInARegistrationFieldIsRefusedNamingIt(string field, string template)
    {
        var body = template.Replace("{{email}}", FreshEmail(), StringComparison.Ordinal).Replace("{{password}}", FreshPassword(), StringComparison.Ordinal);

        using var response = await PostJsonAsync("/users", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact] // S13: a pair of surrogates is one character (an emoji) and is welcome
    public async Task APairedSurrogateIsAcceptedInADisplayName()
    {
        using var response = await PostJsonAsync("/users", $$"""{"email":"{{FreshEmail()}}","password":"{{FreshPassword()}}","displayName":"Ada \ud83d\ude00"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Ada 😀", (await response.ReadJsonAsync()).GetProperty("displayName").GetString());
    }

    [Fact] // S13
    public async Task ARoleWithNulInAnAdminCreateIsRefusedNamingRoles()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await PostJsonAsync(
            "/admin/users", $$"""{"email":"{{FreshEmail()}}","password":"{{FreshPassword()}}","roles":["user","orders\u0000write"]}""", admin);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Theory] // S13: these reached PostgreSQL and came back as 503 "Account store unavailable"
    [InlineData("/admin/audit?subject=a%00b", "subject")]
    [InlineData("/admin/audit?type=login%01", "type")]
    [InlineData("/admin/users?search=ada%00", "search")]
    [InlineData("/admin/audit?type=login&type=token.refresh", "type")]
    public async Task AnUnstorableOrRepeatedQueryParameterIsABadRequestNamingIt(string path, string field)
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, path, admin);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact] // S13, S17: the token is refused by field name, its value never repeated
    public async Task AnOverLongTokenInTheRevokeFormIsRefusedWithoutEchoingIt()
    {
        var token = "aat_" + new string('x', 2000);

        using var response = await _client.PostAsync("/revoke", new FormUrlEncodedContent([new("token", token)]), Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'token'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxx", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact] // S10, S13: the client authenticates first; a control character in the token is then a 400
    public async Task IntrospectionOfATokenWithAControlCharacterIsABadRequest()
    {
        using var response = await _client.IntrospectAsync("aat_\u0007bell");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request, Cancel);
    }

    private static async Task<string> AssertOAuthInvalidRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        return body.GetProperty("error_description").GetString()!;
    }
}
