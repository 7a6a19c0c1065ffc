using System.Diagnostics;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Reliability;

/// <summary>
/// Issue 11, item 3: a seeded sweep of malformed, oversized and wrongly-typed requests over every public and
/// admin endpoint, against the API on real PostgreSQL and Redis. Each gets a 4xx problem answer within a
/// bound, never a 5xx, never a secret echoed in the answer or the log (S13, S17). Replay with the printed seed.
/// </summary>
public sealed class HostileInputSweepTests(TestServices services)
{
    private static Task<SweepCallers>? _callers;

    public static TheoryData<string> Endpoints => new(SweepEndpoints.All.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryMalformedRequestGetsA4xxProblemWithoutEchoingASecret(string name)
    {
        var index = SweepEndpoints.All.ToList().FindIndex(e => e.Name == name);
        var endpoint = SweepEndpoints.All[index];
        var (seed, cases) = (SweepSettings.Seed, SweepSettings.CasesPerEndpoint);
        var callers = await LazyInitializer.EnsureInitialized(ref _callers, () => CreateCallersAsync(services));
        using var client = services.Api.CreateClient();
        var failures = new List<string>();
        var markers = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var sweepCase = HostileRequests.Build(endpoint, callers, SweepSettings.CaseRandom(seed, index, i));
            markers.AddRange(sweepCase.Secrets);
            if (await SendAsync(client, endpoint, sweepCase, callers) is { } problem) failures.Add($"case {i}: {problem}\n    {sweepCase}");
        }

        var logged = markers.Concat(callers.Secrets).FirstOrDefault(m => services.Api.Logs.Lines.Any(l => l.Everything.Contains(m, StringComparison.Ordinal)));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Sweep of {name}: seed {seed} (AUTHAPP_SWEEP_SEED), {cases} cases (AUTHAPP_SWEEP_CASES), {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failures");
        Assert.True(logged is null, $"A secret of the sweep was logged (seed {seed}).");
        Assert.True(failures.Count == 0, $"Seed {seed} (replay with AUTHAPP_SWEEP_SEED={seed}), endpoint {name}:\n{string.Join("\n", failures)}");
    }

    /// <summary>Sends one case within the bound; the reason it failed, or null.</summary>
    private static async Task<string?> SendAsync(HttpClient client, SweepEndpoint endpoint, SweepCase sweepCase, SweepCallers callers)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bound.CancelAfter(SweepSettings.RequestBound);
        try
        {
            using var request = sweepCase.ToRequest();
            using var response = await client.SendAsync(request, bound.Token);
            var body = await response.Content.ReadAsStringAsync(bound.Token);
            return SweepAnswer.Problem(endpoint, response, body, sweepCase.Secrets.Concat(callers.Secrets));
        }
        catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
        {
            return $"no answer within {SweepSettings.RequestBound.TotalSeconds} s";
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            return $"the request failed: {exception.GetType().Name}: {exception.Message}";
        }
    }

    private static async Task<SweepCallers> CreateCallersAsync(TestServices services)
    {
        using var client = services.Api.CreateClient();
        var (admin, _, _) = await client.CreateAdminAsync(() => services.CreateDbContext());
        var (user, _, _) = await client.RegisterAndLoginAsync();
        var (_, _, victim) = await client.RegisterAsync();
        var basic = BasicAuth(TestServices.IntrospectionClientId, TestServices.IntrospectionClientSecret);
        return new SweepCallers(user, admin, victim.GetProperty("id").GetGuid(), $"{basic.Scheme} {basic.Parameter}");
    }
}
