using AuthApp.Api.Data;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(TestServices))]

namespace AuthApp.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL and one real Redis for the whole run, a migrated database, and a shared
/// API. Tests make their own users (fresh emails), so they run in any order and in parallel.
/// </summary>
public sealed class TestServices : IAsyncLifetime
{
    /// <summary>The HMAC key the shared API uses, so tests can compute the stored hash of a token.</summary>
    public const string TokenHashKey = "dGVzdC1rZXktZm9yLWF1dGhhcHAtdG9rZW4taGFzaGVzLTMyYnl0ZXMhIQ==";

    public const string IntrospectionClientId = "orders-api";
    public const string IntrospectionClientSecret = "orders-api-secret-for-tests";
    public const string AllowedOrigin = "https://app.example.test";

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The migrated database every shared-API test uses.</summary>
    public string DatabaseConnectionString { get; private set; } = null!;

    /// <summary>A client of the test Redis, for looking at what the API stored.</summary>
    public IConnectionMultiplexer RedisClient { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
        DatabaseConnectionString = await Postgres.CreateDatabaseAsync();
        await MigrateAsync(DatabaseConnectionString);
        RedisClient = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        Api = CreateApi();
    }

    /// <summary>The settings of a healthy API against these servers.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:authdb"] = DatabaseConnectionString,
        ["ConnectionStrings:redis"] = Redis.ConnectionString,
        ["Auth:TokenHashKey"] = TokenHashKey,
        [$"Auth:IntrospectionClients:{IntrospectionClientId}"] = IntrospectionClientSecret,
        ["Cors:AllowedOrigins:0"] = AllowedOrigin,
    };

    /// <summary>An API of its own, with settings changed (null removes one) or a fake clock.</summary>
    public ApiFactory CreateApi(
        Action<Dictionary<string, string?>>? change = null,
        TimeProvider? time = null,
        string environment = "Testing",
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var settings = Settings();
        change?.Invoke(settings);
        return new ApiFactory(settings, environment, time, services);
    }

    public AuthDbContext CreateDbContext(string? connectionString = null) =>
        new(new DbContextOptionsBuilder<AuthDbContext>().UseNpgsql(connectionString ?? DatabaseConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        if (RedisClient is not null) await RedisClient.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    private async Task MigrateAsync(string connectionString)
    {
        await using var db = CreateDbContext(connectionString);
        await db.Database.MigrateAsync();
    }
}
