using System.Collections.Concurrent;
using System.Net;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.Faults;

/// <summary>One answered (or failed) request: Status 0 means no HTTP answer (timeout or connection error).</summary>
public sealed record Outcome(string Operation, DateTimeOffset Started, DateTimeOffset Ended, int Status, bool HasRetryAfter)
{
    public TimeSpan Duration => Ended - Started;
}

/// <summary>
/// Concurrent workers repeating one request each until stopped, recording every outcome with its start and end,
/// so a test can judge the answers given before, during and after a fault.
/// </summary>
public sealed class Traffic : IAsyncDisposable
{
    /// <summary>Longer than any bound a fault test asserts: a request still running then counts as hung.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly List<Task> _workers = [];

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes];

    public void Run(string operation, Func<HttpClient> client, Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> request, int workers = 1)
    {
        for (var i = 0; i < workers; i++) _workers.Add(Task.Run(() => WorkAsync(operation, client(), request)));
    }

    public int Count(string operation, Func<Outcome, bool>? where = null) =>
        _outcomes.Count(o => o.Operation == operation && (where?.Invoke(o) ?? true));

    /// <summary>Outcomes of requests that started after <paramref name="from"/> and ended before <paramref name="to"/>.</summary>
    public IEnumerable<Outcome> Within(DateTimeOffset from, DateTimeOffset to) =>
        _outcomes.Where(o => o.Started >= from && o.Ended <= to);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>A short summary for assertion messages: operation, status and count.</summary>
    public static string Describe(IEnumerable<Outcome> outcomes) => string.Join(", ",
        outcomes.GroupBy(o => (o.Operation, o.Status)).OrderBy(g => g.Key).Select(g => $"{g.Key.Operation} {g.Key.Status} ×{g.Count()}"));

    private async Task WorkAsync(string operation, HttpClient client, Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> request)
    {
        client.Timeout = RequestTimeout;
        using (client)
        {
            while (!_stop.IsCancellationRequested)
            {
                var started = DateTimeOffset.UtcNow;
                try
                {
                    using var response = await request(client, _stop.Token);
                    _outcomes.Enqueue(new Outcome(operation, started, DateTimeOffset.UtcNow, (int)response.StatusCode, response.Headers.RetryAfter is not null));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    _outcomes.Enqueue(new Outcome(operation, started, DateTimeOffset.UtcNow, 0, false));
                }
            }
        }
    }

    public static bool IsServerError(Outcome outcome) => outcome.Status is 0 or >= 500 and not (int)HttpStatusCode.ServiceUnavailable;

    /// <summary>No server error among <paramref name="outcomes"/>; a failure shows them with the API's error lines, which name the cause.</summary>
    public static void AssertNoServerError(IEnumerable<Outcome> outcomes, LogCollector apiLogs)
    {
        var errors = outcomes.Where(IsServerError).ToList();
        if (errors.Count == 0) return;
        var logged = apiLogs.Lines.Where(l => l.Level >= LogLevel.Error).Take(5).Select(l => l.Everything);
        Assert.Fail($"Server errors: {Describe(errors)}, the first at {errors.Min(o => o.Started):HH:mm:ss.fff}.{Environment.NewLine}The API logged:{Environment.NewLine}{string.Join(Environment.NewLine, logged)}");
    }
}
