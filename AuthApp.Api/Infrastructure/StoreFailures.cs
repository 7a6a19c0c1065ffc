using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Tells a store outage (PostgreSQL or Redis, answered 503, what monitoring counts) from an error about the data (a bug
/// or input the edge should have refused), so a bad value can never make a store look down.
/// </summary>
internal static class StoreFailures
{
    /// <summary>
    /// SQLSTATE classes that mean the server is unreachable, out of resources or shutting down: 08 connection
    /// exception, 53 insufficient resources, 57P operator intervention, 57014 statement timeout or cancel, 58 system error.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState is ['0', '8', ..] or ['5', '3', ..] or ['5', '7', 'P', ..] or "57014" or ['5', '8', ..];
                // Without a server answer Npgsql marks failures to reach it (socket, I/O, pool exhausted) as transient;
                // its other errors (a value it cannot encode, a closed connection used again) are ours.
                case NpgsqlException npgsql:
                    return npgsql.IsTransient;
                case TimeoutException or StoreConnectionLostException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The server ended <paramref name="transaction"/> before this process committed or rolled it back: Npgsql then
    /// shows it completed (no connection) or, once it has seen the connection break, disposed.
    /// </summary>
    public static bool WasCutOff(IDbContextTransaction transaction)
    {
        try
        {
            return transaction.GetDbTransaction().Connection is null;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// Redis unreachable, refusing (loading, shutting down) or timing out, also when another exception wraps it: a check
    /// that cannot reach the token store fails closed with 503, never 500.
    /// </summary>
    public static bool IsTokenStoreOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisException or RedisTimeoutException) return true;
        }

        return false;
    }

    /// <summary>A SQLSTATE class 22 data exception: the server was up and refused a value.</summary>
    public static bool IsDataError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: ['2', '2', ..] }) return true;
            if (current is DbException) return false;
        }

        return false;
    }
}
