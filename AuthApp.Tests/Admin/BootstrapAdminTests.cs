using System.Net;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>The first admin comes from Bootstrap:AdminEmail/AdminPassword, once, and never again.</summary>
public sealed class BootstrapAdminTests(TestServices services)
{
    [Fact] // S18
    public async Task CreatingTheBootstrapAdminIsAuditedWithTheSystemAsActor()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var (email, password) = (FreshEmail("boot"), FreshPassword());
        await using (var api = Start(database, email, password)) api.CreateClient();
        await using (var again = Start(database, email, password)) again.CreateClient();
        await using var db = services.CreateDbContext(database);
        var adminId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancel);

        var rows = await services.AuditRowsAsync(adminId.ToString(), database);

        var row = Assert.Single(rows);
        Assert.Equal(("admin.bootstrap", "success", "system"), (row.Type, row.Outcome, row.Actor));
        Assert.DoesNotContain(password, row.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupCreatesTheConfiguredAdminWhenNoneExistsAndLogsOnlyItsEmail()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var (email, password) = (FreshEmail("boot"), FreshPassword());
        await using var api = Start(database, email, password);
        var client = api.CreateClient();

        var token = await client.LoginAsync(email, password);
        using var adminCall = await client.SendAsync(HttpMethod.Get, "/admin/users", token);

        Assert.Equal(HttpStatusCode.OK, adminCall.StatusCode);
        Assert.Contains(api.Logs.Lines, l => l.Message.Contains($"created the admin {email}", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, l => l.Everything.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherStartWithOtherSettingsCreatesNoSecondAdminAndKeepsThePassword()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var (email, password) = (FreshEmail("boot"), FreshPassword());
        await using (var first = Start(database, email, password)) first.CreateClient();

        await using var second = Start(database, FreshEmail("boot2"), FreshPassword());
        var client = second.CreateClient();

        Assert.Equal(1, await AdminCountAsync(database));
        Assert.False(string.IsNullOrEmpty(await client.LoginAsync(email, password)));
        Assert.Contains(second.Logs.Lines, l => l.Message.Contains("an active admin exists", StringComparison.Ordinal));
    }

    [Fact] // several API replicas starting together
    public async Task ReplicasStartingTogetherCreateExactlyOneAdmin()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var (email, password) = (FreshEmail("boot"), FreshPassword());
        var replicas = Enumerable.Range(0, 3).Select(_ => Start(database, email, password)).ToList();
        try
        {
            await Task.WhenAll(replicas.Select(r => Task.Run(() => r.CreateClient())));

            Assert.Equal(1, await AdminCountAsync(database));
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    [Fact] // never promote an account someone else registered with the bootstrap email
    public async Task AnExistingNonAdminAccountWithTheEmailIsNotPromoted()
    {
        var database = await services.CreateMigratedDatabaseAsync();
        var email = FreshEmail("squatter");
        await using (var plain = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database))
        {
            await plain.CreateClient().RegisterAsync(email);
        }

        await using var api = Start(database, email, FreshPassword());
        api.CreateClient();

        Assert.Equal(0, await AdminCountAsync(database));
        Assert.Contains(api.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("not promoted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admin@example.com", "short", "Bootstrap:AdminPassword is refused by the password policy")]
    [InlineData("admin@example.com", null, "Bootstrap:AdminPassword is missing")]
    [InlineData("not an email", "a perfectly long passphrase 42", "Bootstrap:AdminEmail is malformed")]
    public async Task BadBootstrapSettingStopsStartupNamingItWithoutThePassword(string email, string? password, string expected)
    {
        await using var api = services.CreateApi(settings =>
        {
            settings["Bootstrap:AdminEmail"] = email;
            settings["Bootstrap:AdminPassword"] = password;
        });

        Assert.ThrowsAny<Exception>(() => api.CreateClient());

        var problem = Assert.Single(api.Logs.Lines, line => line.Level == LogLevel.Critical).Message;
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        if (password is not null) Assert.DoesNotContain(password, problem, StringComparison.Ordinal);
    }

    private ApiFactory Start(string database, string email, string password) => services.CreateApi(settings =>
    {
        settings["ConnectionStrings:authdb"] = database;
        settings["Bootstrap:AdminEmail"] = email;
        settings["Bootstrap:AdminPassword"] = password;
    });

    private async Task<int> AdminCountAsync(string database)
    {
        await using var db = services.CreateDbContext(database);
        return await db.Users.CountAsync(u => u.Roles.Contains("admin"), Cancel);
    }
}
