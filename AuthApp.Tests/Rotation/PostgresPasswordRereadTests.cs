using System.Security.Cryptography;
using AuthApp.Api.Data;
using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AuthApp.Tests.Rotation;

/// <summary>
/// A password the secret folder already holds but the service has not polled yet (decision 0106): the connection the
/// role refuses reads the folder again and opens with it. The folder here is never polled at all, so only that re-read
/// can find the new password.
/// </summary>
public sealed class PostgresPasswordRereadTests(TestServices services) : IAsyncLifetime
{
    private readonly string _role = $"reread_{Guid.NewGuid():N}"[..22];
    private readonly string _folder = Directory.CreateTempSubdirectory("authapp-reread-").FullName;

    [Fact]
    public async Task ARefusedPasswordIsReadAgainFromTheFolderAndTheOpenSucceedsWithTheNewOne()
    {
        var first = NewPassword();
        var (password, fallback, dataSource) = await ConnectAsync(first);
        await using var _ = dataSource;
        Assert.Equal(1, await SelectOneAsync(dataSource, fallback));

        // A rotation elsewhere: the folder gets the new password and the role changes before this process looks again.
        var second = NewPassword();
        WriteSecret(second);
        await AlterRoleAsync(second);

        Assert.Equal(1, await SelectOneAsync(dataSource, fallback));
        Assert.Equal(second, password.Current);
        Assert.Equal(first, password.Previous);
    }

    [Fact]
    public async Task APasswordTheFolderDoesNotHoldStillFailsAsRefused()
    {
        var known = NewPassword();
        var (password, fallback, dataSource) = await ConnectAsync(known);
        await using var _ = dataSource;

        await AlterRoleAsync(NewPassword());

        var refused = await Assert.ThrowsAsync<PostgresException>(() => SelectOneAsync(dataSource, fallback));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        Assert.Equal(known, password.Current);
        Assert.Null(password.Previous);
    }

    public async ValueTask InitializeAsync() => await AdminAsync($"CREATE ROLE {_role} LOGIN");

    public async ValueTask DisposeAsync()
    {
        await AdminAsync($"DROP ROLE IF EXISTS {_role}");
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The role and the folder given <paramref name="initial"/>, and the fallback as the API wires it, over the folder
    /// as a configuration source that never reloads by itself. The data source opens one physical connection per open.
    /// </summary>
    private async Task<(SecretSetting Password, PostgresPasswordFallback Fallback, NpgsqlDataSource DataSource)> ConnectAsync(string initial)
    {
        await AlterRoleAsync(initial);
        WriteSecret(initial);
        var folder = new ConfigurationBuilder().AddKeyPerFile(_folder, optional: false, reloadOnChange: false).Build();
        var password = new SecretSetting(folder, "Storage:PostgresPassword", () => null);
        var fallback = new PostgresPasswordFallback(password);
        var connection = new NpgsqlConnectionStringBuilder(services.Postgres.ConnectionString("postgres")) { Username = _role, Password = null, Pooling = false };
        return (password, fallback, fallback.CreateDataSource(connection.ConnectionString));
    }

    private void WriteSecret(string value) => File.WriteAllText(Path.Combine(_folder, "Storage__PostgresPassword"), value + "\n");

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>One query through EF with the fallback as its interceptor, as the API registers it.</summary>
    private static async Task<int> SelectOneAsync(NpgsqlDataSource dataSource, PostgresPasswordFallback fallback)
    {
        var options = new DbContextOptionsBuilder<AuthDbContext>().UseNpgsql(dataSource).AddInterceptors(fallback).Options;
        await using var db = new AuthDbContext(options);
        return await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(ApiClient.Cancel);
    }

    private Task AlterRoleAsync(string password) => AdminAsync($"ALTER ROLE {_role} PASSWORD '{password}'");

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(services.Postgres.ConnectionString("postgres"));
        await admin.OpenAsync(ApiClient.Cancel);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(ApiClient.Cancel);
    }
}
