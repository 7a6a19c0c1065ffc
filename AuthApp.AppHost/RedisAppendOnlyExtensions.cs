using System.Text.RegularExpressions;

namespace AuthApp.AppHost;

/// <summary>
/// The published Redis persists like the local one (decision 0101): an append-only file synced every second, and no
/// RDB snapshots. <c>WithDataVolume</c> asks for <c>--save 60 1</c>, which forks the server every minute under
/// writes and left the audit outbox (decision 0086) up to a minute of loss.
/// </summary>
internal static partial class RedisAppendOnlyExtensions
{
    public static IResourceBuilder<RedisResource> WithAppendOnlyFile(this IResourceBuilder<RedisResource> redis) =>
        // AddRedis passes the whole server command line as the one argument after "-c".
        redis.WithArgs(context =>
        {
            var last = context.Args.Count - 1;
            if (last < 0 || context.Args[last] is not string command || !command.StartsWith("redis-server", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("AddRedis no longer passes 'redis-server …' as its last argument; revisit WithAppendOnlyFile.");
            }

            context.Args[last] = RdbSavePoints().Replace(command, "") + " --appendonly yes --appendfsync everysec --save ''";
            return Task.CompletedTask;
        });

    [GeneratedRegex(@" --save \d+ \d+")]
    private static partial Regex RdbSavePoints();
}
