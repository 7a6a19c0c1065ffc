using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.AppHost;

/// <summary>What a new user sees on the first start: a calm log and a summary that points at each secret truthfully.</summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class FirstRunTests : IDisposable
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

            // `fail:` and `crit:` are the console logger's words for Error and Critical, resources' output included.
            // Every line counts: the collector sees what the AppHost's console would, under the same filters.
            var errors = logs.Lines
                .Where(line => line.Level >= LogLevel.Error)
                .Select(line => $"{line.Category}: {line.Message}").ToList();
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
