using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Stops startup when a connection string is missing or unparsable. Messages name the setting
/// but never echo its value: connection strings carry passwords.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (CheckPostgres(options.Authdb) is { } postgres) failures.Add(postgres);
        if (CheckRedis(options.Redis) is { } redis) failures.Add(redis);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The problem with <c>ConnectionStrings:authdb</c>, or null; the migrate command needs only this one.</summary>
    public static string? CheckPostgres(string? value)
    {
        const string key = "ConnectionStrings:authdb";
        if (string.IsNullOrWhiteSpace(value)) return Missing(key, "an Npgsql connection string (Host=…;Database=…)");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return string.IsNullOrWhiteSpace(builder.Host) ? $"{key} is malformed: it names no Host." : null;
        }
        catch (ArgumentException)
        {
            return $"{key} is malformed: it is not an Npgsql connection string (Host=…;Database=…).";
        }
    }

    private static string? CheckRedis(string? value)
    {
        const string key = "ConnectionStrings:redis";
        if (string.IsNullOrWhiteSpace(value)) return Missing(key, "a StackExchange.Redis connection string (host:port,password=…)");
        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count == 0 ? $"{key} is malformed: it names no endpoint." : null;
        }
        catch (ArgumentException)
        {
            return $"{key} is malformed: it is not a StackExchange.Redis connection string (host:port,password=…).";
        }
    }

    private static string Missing(string key, string what) =>
        $"{key} is missing: set it (environment: {key.Replace(":", "__", StringComparison.Ordinal)}) to {what}.";
}
