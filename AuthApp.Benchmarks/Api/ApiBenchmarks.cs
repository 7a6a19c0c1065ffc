using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;

namespace AuthApp.Benchmarks.Api;

/// <summary>
/// HTTP round trips to the real API process (one keep-alive connection from this process), each compared with
/// <c>GET /alive</c>: what the ratio adds on top is the endpoint's own work (Redis, PostgreSQL, PBKDF2).
/// </summary>
// Public and unsealed: BenchmarkDotNet derives from benchmark classes and refuses sealed or non-public ones.
public class ApiBenchmarks
{
    private const string Password = "violet-Harbour-kettle-42";

    private RunningAuthApp _system = null!;
    private string _email = null!;
    private string _accessToken = null!;
    private string _refreshToken = null!;

    [GlobalSetup]
    public async Task StartSystemAsync()
    {
        _system = await RunningAuthApp.StartAsync();
        _email = await _system.RegisterAsync(Password);
        (_accessToken, _refreshToken) = await _system.TokenAsync(PasswordForm());
    }

    [GlobalCleanup]
    public async Task StopSystemAsync() => await _system.DisposeAsync();

    [Benchmark(Baseline = true, Description = "GET /alive")]
    public async Task AliveAsync()
    {
        using var response = await _system.Api.GetAsync(new Uri("/alive", UriKind.Relative));
        await RunningAuthApp.EnsureSuccessAsync(response, "GET /alive");
    }

    [Benchmark(Description = "GET /users/me (Bearer)")]
    public async Task<string> CurrentUserAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        using var response = await _system.Api.SendAsync(request);
        await RunningAuthApp.EnsureSuccessAsync(response, "GET /users/me");
        return await response.Content.ReadAsStringAsync();
    }

    [Benchmark(Description = "POST /introspect")]
    public async Task<string> IntrospectAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = _accessToken }),
        };
        request.Headers.Authorization = _system.ClientAuthorization;
        using var response = await _system.Api.SendAsync(request);
        await RunningAuthApp.EnsureSuccessAsync(response, "POST /introspect");
        var body = await response.Content.ReadAsStringAsync();
        // An inactive answer is a 200 too; it would time a cheaper path than a live token's.
        return body.Contains("\"active\":true", StringComparison.Ordinal) ? body : throw new InvalidOperationException("The benchmark token is no longer active.");
    }

    [Benchmark(Description = "POST /token (password grant)")]
    public async Task<string> PasswordGrantAsync() => (await _system.TokenAsync(PasswordForm())).Access;

    /// <summary>Each refresh retires the presented token (rotation), so the next call presents the new one.</summary>
    [Benchmark(Description = "POST /token (refresh grant)")]
    public async Task<string> RefreshGrantAsync()
    {
        (var access, _refreshToken) = await _system.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _refreshToken });
        return access;
    }

    private Dictionary<string, string> PasswordForm() => new() { ["grant_type"] = "password", ["username"] = _email, ["password"] = Password };
}
