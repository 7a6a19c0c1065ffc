using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis passwords as they change while the API runs (decision 0094): <c>Storage:PostgresPassword</c>
/// and <c>Storage:RedisPassword</c>, from the secret folder (files <c>Storage__PostgresPassword</c>,
/// <c>Storage__RedisPassword</c>) or any reloading source; while unset, the password in the connection string.
/// </summary>
public sealed class StoragePasswords
{
    public const string PostgresKey = "Storage:PostgresPassword";

    public const string RedisKey = "Storage:RedisPassword";

    public StoragePasswords(IConfiguration configuration)
    {
        Postgres = new SecretSetting(configuration, PostgresKey, () => PostgresPasswordIn(configuration.GetConnectionString("authdb")));
        Redis = new SecretSetting(configuration, RedisKey, () => RedisPasswordIn(configuration.GetConnectionString("redis")));
    }

    public SecretSetting Postgres { get; }

    public SecretSetting Redis { get; }

    private static string? PostgresPasswordIn(string? connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty).Password;
        }
        catch (ArgumentException)
        {
            return null; // the storage validator names the problem
        }
    }

    private static string? RedisPasswordIn(string? connectionString)
    {
        try
        {
            return connectionString is null ? null : ConfigurationOptions.Parse(connectionString).Password;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
