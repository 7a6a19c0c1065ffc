using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AuthApp.Tests.Infrastructure;

/// <summary>The requests most tests make, and fresh test data.</summary>
public static class ApiClient
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string FreshEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>Long, uncommon and free of any email's local part.</summary>
    public static string FreshPassword() => $"correct horse battery {Guid.NewGuid():N}"[..40];

    public static async Task<(string Email, string Password, JsonElement User)> RegisterAsync(this HttpClient client, string? email = null, string? password = null)
    {
        email ??= FreshEmail();
        password ??= FreshPassword();
        using var response = await client.PostAsJsonAsync("/users", new { email, password }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, password, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
    }

    public static async Task<HttpResponseMessage> PostTokenAsync(this HttpClient client, string username, string password, string path = "/token")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
        });
        return await client.PostAsync(path, form, Cancel);
    }

    public static async Task<string> LoginAsync(this HttpClient client, string username, string password)
    {
        using var response = await client.PostTokenAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>Registers a fresh user and logs in: the token and the user's email.</summary>
    public static async Task<(string Token, string Email, string Password)> RegisterAndLoginAsync(this HttpClient client)
    {
        var (email, password, _) = await client.RegisterAsync();
        return (await client.LoginAsync(email, password), email, password);
    }

    public static async Task<HttpResponseMessage> GetMeAsync(this HttpClient client, string? token, string path = "/users/me")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Cancel);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

    /// <summary>Asserts an RFC 7807 body with the status and returns its detail.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>Introspects a token as the configured API client (or with another Authorization).</summary>
    public static async Task<HttpResponseMessage> IntrospectAsync(this HttpClient client, string token, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = authorization ?? BasicAuth(TestServices.IntrospectionClientId, TestServices.IntrospectionClientSecret);
        return await client.SendAsync(request, Cancel);
    }

    public static AuthenticationHeaderValue BasicAuth(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
}
