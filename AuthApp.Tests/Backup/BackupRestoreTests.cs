using System.Diagnostics;
using System.Net;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using AuthApp.Tests.Publishing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Backup;

/// <summary>The documented backup command, for real: dump, drop the database, restore, and users log in again.</summary>
public sealed class BackupRestoreTests(TestServices services)
{
    private static string Script => Path.Combine(RepositoryPaths.Root, "eng", "authdb-backup.sh");

    [Fact]
    public async Task DumpDropAndRestoreOfTheAccountsDatabaseLetsEveryUserLogInAgain()
    {
        var connection = new NpgsqlConnectionStringBuilder(await services.Postgres.CreateDatabaseAsync());
        await using (var db = services.CreateDbContext(connection.ConnectionString)) await db.Database.MigrateAsync(Cancel);
        var users = new List<(string Email, string Password)>();
        long auditRows;
        await using (var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = connection.ConnectionString))
        {
            using var client = api.CreateClient();
            for (var i = 0; i < 2; i++)
            {
                var (email, password, _) = await client.RegisterAsync();
                await client.LoginAsync(email, password);
                users.Add((email, password));
            }

            await using var db = services.CreateDbContext(connection.ConnectionString);
            auditRows = await db.Set<AuditEntry>().LongCountAsync(Cancel);
        }

        using var folder = new TempFolder();
        var dump = Path.Combine(folder.Path, "authdb.dump");
        await RunScriptAsync(connection, "dump", dump);
        Assert.Equal("PGDMP"u8.ToArray(), (await File.ReadAllBytesAsync(dump, Cancel))[..5]); // pg_dump's custom format

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(services.Postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync(Cancel);
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{connection.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Cancel);
        }

        await RunScriptAsync(connection, "restore", dump);

        await using var restored = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = connection.ConnectionString);
        using var after = restored.CreateClient();
        foreach (var (email, password) in users) Assert.Equal(HttpStatusCode.OK, (await after.PostTokenAsync(email, password)).StatusCode);
        await using var check = services.CreateDbContext(connection.ConnectionString);
        Assert.Equal(users.Count, await check.Users.CountAsync(Cancel));
        // The audit log comes back whole, and still refuses changes (its trigger was restored with it).
        Assert.True(await check.Set<AuditEntry>().LongCountAsync(Cancel) >= auditRows);
        await Assert.ThrowsAsync<PostgresException>(() => check.Database.ExecuteSqlRawAsync("DELETE FROM audit_events", Cancel));
    }

    private static async Task RunScriptAsync(NpgsqlConnectionStringBuilder connection, string command, string file)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Script, command, file }) start.ArgumentList.Add(argument);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = $"{connection.Port}";
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGDATABASE"] = connection.Database;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"authdb-backup.sh {command} exited {process.ExitCode}: {await output}{await error}");
    }
}
