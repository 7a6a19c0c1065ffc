using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// The audit outbox (decision 0086): the hot paths (refresh, revoke) append their audit event to a Redis stream from
/// the same Lua script that makes the change, so the event exists exactly when the change does and the request never
/// waits for PostgreSQL. <see cref="AuditOutboxDrain"/> moves the events into <c>audit_events</c>.
/// The stream is named after the account database (host, port, name), so APIs of different databases that share a
/// Redis never drain each other's events.
/// </summary>
public sealed class AuditOutbox(IConfiguration configuration)
{
    /// <summary>The one field of an entry: the event's values, joined by <see cref="Separator"/> (decision 0108).</summary>
    public const string EventField = "event";

    /// <summary>ASCII's unit separator. The values before the detail never hold it: ids, a time, constants, an address.</summary>
    public const char Separator = '\u001f';

    /// <summary>
    /// Lua: <c>audit(stream, id, at, kind, outcome, actor, subject, address, detail)</c>, pasted in front of a script.
    /// One field rather than one per value: each value is an argument Redis copies into its append-only file and a
    /// bulk string in the drain's reply. <see cref="Read"/> splits them back in this order: keep it.
    /// </summary>
    public const string AppendFunction = $$"""
        local function audit(stream, id, at, kind, outcome, actor, subject, address, detail)
          redis.call('XADD', stream, '*', '{{EventField}}', id .. '\31' .. at .. '\31' .. kind .. '\31' .. outcome .. '\31' .. actor
            .. '\31' .. subject .. '\31' .. address .. '\31' .. detail)
        end

        """;

    public RedisKey Key { get; } = KeyFor(configuration.GetConnectionString("authdb"));

    /// <summary>The lease of the replica that drains <see cref="Key"/> (<see cref="AuditDrainLease"/>).</summary>
    public RedisKey LeaseKey => LeaseOf(Key);

    /// <summary>The drain's lease of the outbox <paramref name="outbox"/>.</summary>
    public static RedisKey LeaseOf(RedisKey outbox) => outbox.Append(":drainer");

    /// <summary>
    /// A fresh event id, a UUIDv7 in hex: the drain stores each id once. It must be unique, not secret, so its random
    /// bits come from the thread's fast generator: <see cref="Guid.CreateVersion7()"/> reads them from the kernel on
    /// every call, a system call per refresh and revocation (decision 0109).
    /// </summary>
    public static string NewEventId()
    {
        Span<byte> uuid = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(uuid, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16);
        Random.Shared.NextBytes(uuid[6..]);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // the RFC 9562 variant
        return Convert.ToHexStringLower(uuid);
    }

    /// <summary>The values of an event, in the order <see cref="AppendFunction"/> writes them.</summary>
    private const int ValueCount = 8;

    /// <summary>
    /// The row an outbox entry describes, cleaned like any other; null when the entry is damaged. Reads both the packed
    /// entry <see cref="AppendFunction"/> writes and the eight named fields of entries written before decision 0108,
    /// by position: a lookup by name compares the reply's byte names with string names (the <c>hotpath</c> benchmark).
    /// </summary>
    internal static AuditRow? Read(StreamEntry entry)
    {
        var fields = entry.Values;
        string?[] values;
        // One field is a packed entry, whatever its name: comparing a reply's byte name with a string costs more than the rest.
        if (fields.Length == 1)
        {
            if (Unpack(fields[0].Value) is not { } unpacked) return null;
            values = unpacked;
        }
        else if (fields.Length == ValueCount)
        {
            values = Array.ConvertAll(fields, field => (string?)field.Value);
        }
        else
        {
            return null;
        }

        string? Value(int position) => string.IsNullOrEmpty(values[position]) ? null : values[position];
        if (!Guid.TryParse(Value(0), out var id) || !long.TryParse(Value(1), out var at) || Value(2) is not { } type) return null;
        var auditEvent = new AuditEvent(type, Value(3) ?? AuditOutcomes.Failure)
        {
            Actor = Value(4),
            Subject = Value(5),
            ClientAddress = Value(6),
            Detail = Value(7),
        };
        return AuditRow.From(auditEvent, DateTimeOffset.FromUnixTimeMilliseconds(at)) with { OutboxId = id };
    }

    /// <summary>
    /// The eight values of a packed entry, each decoded straight from the reply's bytes; null when a separator is missing.
    /// The detail comes last and may hold anything: it keeps whatever follows the seventh separator.
    /// </summary>
    private static string?[]? Unpack(RedisValue packed)
    {
        var values = new string?[ValueCount];
        var rest = ((ReadOnlyMemory<byte>)packed).Span;
        for (var position = 0; position < ValueCount - 1; position++)
        {
            var end = rest.IndexOf((byte)Separator);
            if (end < 0) return null;
            values[position] = Encoding.UTF8.GetString(rest[..end]);
            rest = rest[(end + 1)..];
        }

        values[^1] = Encoding.UTF8.GetString(rest);
        return values;
    }

    /// <summary>The outbox of the account database at <paramref name="connectionString"/>.</summary>
    public static RedisKey KeyFor(string? connectionString)
    {
        // Only where the database is, never the password: the key is visible to anyone who can list Redis keys.
        var builder = new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty);
        var place = $"{builder.Host}:{builder.Port}/{builder.Database}";
        return $"authapp:audit:outbox:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(place)))[..16]}";
    }
}
