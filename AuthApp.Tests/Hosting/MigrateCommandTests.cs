using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Tests.Hosting;

/// <summary><c>AuthApp.Api migrate</c>, run as a real process the way a Kubernetes Job runs it.</summary>
public sealed class MigrateCommandTests(TestServices services)
{
    [Fact]
    public async Task MigrateAppliesEveryMigrationAndExitsZeroTwiceInARow()
    {
        var database = await services.Postgres.CreateDatabaseAsync();

        var first = await RunMigrateAsync(database);
        var second = await RunMigrateAsync(database);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        await using var db = services.CreateDbContext(database);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ApiClient.Cancel));
        Assert.Equal(0, await db.Users.CountAsync(ApiClient.Cancel));
    }

    [Fact]
    public async Task MigrateFailsWithAClearMessageWhenPostgresIsUnreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={ProcessRunner.FreePort()};Username=postgres;Password=hunter2-secret;Database=authdb;Timeout=3";

        var result = await RunMigrateAsync(unreachable);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Migration failed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateWithoutAConnectionStringNamesTheSetting()
    {
        var result = await RunMigrateAsync(null);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings:authdb is missing", result.Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunMigrateAsync(string? connectionString) =>
        ApiProcess.RunAsync(["migrate"], connectionString is null ? [] : new Dictionary<string, string> { ["ConnectionStrings__authdb"] = connectionString });
}
