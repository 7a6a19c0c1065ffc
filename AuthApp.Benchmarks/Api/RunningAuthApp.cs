using AuthApp.Testing;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AuthApp.Benchmarks.Api;

/// <summary>
/// The whole AuthApp (real PostgreSQL, Redis, migrations, API and Web processes) started through the testing builder
/// with a throwaway state directory, plus one registered benchmark user and one introspection client.
/// </summary>
internal sealed class RunningAuthApp : IAsyncDisposable
{
    public const string ClientId = "bench-client";

    /// <summary>
    /// Settings the API process gets on top of the AppHost's model. The per-address limits (S12) are raised far above
    /// what a benchmark sends: at their defaults (token 20/min, introspect 3000/min) the figures would time 429s.
    /// Logging at Warning, like the floor and a production API, keeps the per-request access line out of the figures;
    /// no dashboard listens in a benchmark, so no OTLP export is configured (spans are still made and sampled).
    /// The API runs as Production, as deployed (the manifests set no environment): Development adds the developer
    /// exception page to every request.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ApiSettings = new Dictionary<string, string>
    {
        ["RateLimits__token__PermitLimit"] = "1000000",
        ["RateLimits__introspect__PermitLimit"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    /// <summary>Printed with the figures, so nobody reads them as measured under the production limits.</summary>
    public static string SettingsNote =>
        "Note: the API ran with raised rate limits for this benchmark (defaults: token 20/min, introspect 3000/min): "
        + string.Join(", ", ApiSettings.Select(s => $"{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}"))
        + "; no endpoint of the API, Redis or PostgreSQL is proxied by DCP"
        + $"; introspection client '{ClientId}' via Auth:IntrospectionClients. Lockout (Auth:Lockout) is unchanged: every call succeeds.";

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private RunningAuthApp(DistributedApplication app, HttpClient api, string clientSecret)
    {
        App = app;
        Api = api;
        ClientAuthorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{clientSecret}")));
    }

    public DistributedApplication App { get; }

    public HttpClient Api { get; }

    /// <summary>HTTP Basic credentials of the introspection client.</summary>
    public AuthenticationHeaderValue ClientAuthorization { get; }

    /// <param name="extraSettings">More API settings for this run (environment variable names), printed by the caller.</param>
    public static async Task<RunningAuthApp> StartAsync(IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var clientSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            ThrowawayAppHost.Arguments(ThrowawayAppHost.NewStateDirectory("authapp-bench-"), "--Logging:LogLevel:Default=Warning"));
        // Straight to each server, as pods reach each other through Kubernetes Services: DCP's development proxy would
        // add a hop to every request and every Redis and PostgreSQL command, and its CPU to the figures (half a core
        // under the floor's load on this machine).
        var api = Unproxied(builder, "api", "http");
        Unproxied(builder, "redis", "tcp");
        Unproxied(builder, "postgres", "tcp");
        api.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            foreach (var (name, value) in ApiSettings.Concat(extraSettings ?? new Dictionary<string, string>())) context.EnvironmentVariables[name] = value;
            // For `perf record`: the runtime writes /tmp/perf-PID.map so JIT-compiled frames get names.
            // W^X off as well: with it, JIT code runs from a second mapping that the perf map does not describe.
            if (Environment.GetEnvironmentVariable("AUTHAPP_BENCH_PERF_MAP") == "1")
            {
                context.EnvironmentVariables["DOTNET_PerfMapEnabled"] = "1";
                context.EnvironmentVariables["DOTNET_EnableWriteXorExecute"] = "0";
            }

            context.EnvironmentVariables[$"Auth__IntrospectionClients__{ClientId}"] = clientSecret;
        }));

        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(StartLimit);
        // Every process settled: the admin site's start-up JIT would otherwise share the cores with the first figures.
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        return new RunningAuthApp(app, app.CreateHttpClient("api"), clientSecret);
    }

    private static IResource Unproxied(IDistributedApplicationTestingBuilder builder, string resource, string endpoint)
    {
        var found = builder.Resources.Single(r => r.Name == resource);
        var annotation = found.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint);
        annotation.IsProxied = false;
        annotation.Port = annotation.TargetPort = FreeLoopbackPort();
        return found;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Registers an account; answers its email.</summary>
    public async Task<string> RegisterAsync(string password)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        using var response = await Api.PostAsJsonAsync("/users", new { email, password });
        await EnsureSuccessAsync(response, "POST /users");
        return email;
    }

    /// <summary>POST /token; answers the parsed access and refresh tokens.</summary>
    public async Task<(string Access, string Refresh)> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Api.PostAsync("/token", content);
        await EnsureSuccessAsync(response, "POST /token");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return (json.RootElement.GetProperty("access_token").GetString()!, json.RootElement.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>A failed call stops the benchmark: timing 4xx answers would give meaningless figures.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
