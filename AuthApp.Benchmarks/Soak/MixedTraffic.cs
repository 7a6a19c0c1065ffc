using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AuthApp.Benchmarks.Soak;

/// <summary>
/// One simulated user's life, repeated: register, log in, check the token a few times, refresh, check again,
/// revoke; every tenth round an admin signs in and lists users. Latencies are kept per minute so the start and the end compare.
/// Any answer other than the documented one counts as an error, never as a latency.
/// </summary>
internal sealed class MixedTraffic(HttpClient api, (string Email, string Password) admin, TimeSpan duration)
{
    private const string Password = "violet-Harbour-kettle-42";

    private readonly ConcurrentDictionary<(int Minute, bool Check), ConcurrentBag<double>> _latency = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _errors;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>
    /// p99 in milliseconds of the requests sent in minute <paramref name="minute"/> (0-based): token checks only, or
    /// every request (where PBKDF2 logins and registrations queue on the cores and dominate).
    /// </summary>
    public double P99(int minute, bool checksOnly)
    {
        var values = _latency.Where(p => p.Key.Minute == minute && (p.Key.Check || !checksOnly)).SelectMany(p => p.Value).ToArray();
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.99) - 1)];
    }

    public async Task RunWorkerAsync(int worker)
    {
        for (var round = 0; _clock.Elapsed < duration; round++)
        {
            var email = $"soak-{worker}-{Guid.NewGuid():N}@example.test";
            await SendAsync(HttpMethod.Post, "/users", null, JsonContent.Create(new { email, password = Password }));
            var tokens = await SendAsync(HttpMethod.Post, "/token", null, Form(("grant_type", "password"), ("username", email), ("password", Password)));
            if (tokens is null) continue;
            var (access, refresh) = Read(tokens.Value);
            for (var check = 0; check < 5; check++) await SendAsync(HttpMethod.Get, "/users/me", access);
            var refreshed = await SendAsync(HttpMethod.Post, "/token", null, Form(("grant_type", "refresh_token"), ("refresh_token", refresh)));
            if (refreshed is null) continue;
            (access, _) = Read(refreshed.Value);
            await SendAsync(HttpMethod.Get, "/users/me", access);
            await SendAsync(HttpMethod.Post, "/revoke", null, Form(("token", access)));
            if (round % 10 == 0) await AdminListAsync();
        }
    }

    /// <summary>An admin signs in and lists users (a fresh sign-in: access tokens live one minute in the soak).</summary>
    private async Task AdminListAsync()
    {
        var tokens = await SendAsync(HttpMethod.Post, "/token", null, Form(("grant_type", "password"), ("username", admin.Email), ("password", admin.Password)));
        if (tokens is not null) await SendAsync(HttpMethod.Get, "/admin/users?pageSize=20", Read(tokens.Value).Access);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static (string Access, string Refresh) Read(JsonElement body) =>
        (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, string? bearer, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var started = _clock.Elapsed;
        try
        {
            using var response = await api.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.Increment(ref _requests);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _errors);
                return null;
            }

            var check = method == HttpMethod.Get && path == "/users/me";
            _latency.GetOrAdd(((int)started.TotalMinutes, check), _ => []).Add((_clock.Elapsed - started).TotalMilliseconds);
            return body.Length > 0 && body[0] == '{' ? JsonDocument.Parse(body).RootElement.Clone() : default(JsonElement?);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
            return null;
        }
    }
}
