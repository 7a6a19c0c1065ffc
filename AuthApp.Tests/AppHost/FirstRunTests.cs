using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.AppHost;

/// <summary>What a new user sees on the first start: a calm log and a summary that points at each secret truthfully.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class FirstRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _state = StateFolders.Create("authapp-firstrun-");

    [Fact]
    public async Task FirstStartOnAFreshStateFolderLogsNoErrorAndTheSummaryNamesWhereEachSecretLives()
    {
        var logs = new LogCollector();
        // Every secret parameter is given on the command line (ThrowawayAppHost), so none is in user secrets.
        var app = await AppHostFixture.StartAsync(AppHostFixture.Arguments(_state), logs);
        try
        {
            var summary = await SummaryAsync(logs);

            // `fail:` and `crit:` are the console logger's words for Error and Critical. The collector sees more than
            // `./run.sh`'s console (resources' output too), and every such line counts, with one exception: a health
            // check that reported Unhealthy (a refused connection, or a /health answer slower than 10 s on a loaded
            // machine) before its resource turned healthy. That is how WaitFor waits, and the summary below is only
            // printed once every resource is healthy, so each such line was followed by the check passing.
            var waits = logs.Lines.Where(IsHealthCheckWait).ToList();
            var errors = logs.Lines
                .Where(line => line.Level >= LogLevel.Error && !waits.Contains(line))
                .Select(line => $"{line.Category}: {line.Message}").ToList();
            foreach (var wait in waits) output.WriteLine($"health check wait (not counted): {wait.Message}");
            Assert.True(errors.Count == 0, "errors logged on a normal first start:\n" + string.Join('\n', errors)
                + "\nwarnings:\n" + string.Join('\n', logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => $"{l.Category}: {l.Message}")));
            // The servers' own output is read too: PostgreSQL's log arrives, as information.
            Assert.Contains(logs.Lines, line => line.Level == LogLevel.Information && line.Message.Contains("database system is ready to accept connections", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, line => line.Message.Contains("__EFMigrationsHistory\" does not exist", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, line => line.Message.Contains("HTTP/2 is not enabled", StringComparison.Ordinal));

            Assert.Contains("postgres-password, redis-password, token-hash-key, admin-password: in the command line", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("user secrets", summary, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }

    public void Dispose() => StateFolders.Delete(_state);

    private static bool IsHealthCheckWait(LogCollector.LogLine line) =>
        line.Category == "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService"
        && line.Message.Contains("with status Unhealthy", StringComparison.Ordinal);

    private static async Task<string> SummaryAsync(LogCollector logs)
    {
        // Logged when the admin site turns healthy, which the fixture has just seen: allow the event a moment.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (logs.Lines.FirstOrDefault(line => line.Message.StartsWith("AuthApp is up", StringComparison.Ordinal)) is { } line) return line.Message;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException("The AppHost printed no startup summary.");
    }
}
