using System.Text;
using AuthApp.Api.Features.Audit;
using BenchmarkDotNet.Attributes;
using StackExchange.Redis;

namespace AuthApp.Benchmarks.HotPath;

/// <summary>
/// The audit drain turning one outbox entry into a row, once per refresh and per <c>/revoke</c>: eight fields each looked
/// up by name (the first code), the same fields read by position, and the one packed field entries have now (decision
/// 0108), all through the current <see cref="AuditOutbox.Read"/> but the first. Names and values are byte-backed, as in
/// a Redis reply, so a lookup by a string name pays the comparison it pays in the drain.
/// </summary>
[MemoryDiagnoser]
public class OutboxEntryReadingBenchmarks
{
    private StreamEntry _entry;
    private StreamEntry _packed;

    [GlobalSetup]
    public void Setup()
    {
        (string Name, string Value)[] fields =
        [
            ("id", AuditOutbox.NewEventId()), ("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("type", AuditEventTypes.Refresh), ("outcome", AuditOutcomes.Success), ("actor", ""), ("subject", Guid.NewGuid().ToString()),
            ("address", "127.0.0.1"), ("detail", "session " + Guid.NewGuid().ToString("N")),
        ];
        _entry = new StreamEntry("1-0", [.. fields.Select(f => new NameValueEntry(Encoding.UTF8.GetBytes(f.Name), Encoding.UTF8.GetBytes(f.Value)))]);
        var packed = string.Join(AuditOutbox.Separator, fields.Select(f => f.Value));
        _packed = new StreamEntry("1-0", [new NameValueEntry(Encoding.UTF8.GetBytes(AuditOutbox.EventField), Encoding.UTF8.GetBytes(packed))]);
    }

    [Benchmark(Baseline = true, Description = "before: each field by name")]
    public object? ByName()
    {
        string? Field(string name) => _entry[name] is { IsNullOrEmpty: false } value ? (string?)value : null;
        if (!Guid.TryParse(Field("id"), out var id) || !long.TryParse(Field("at"), out var at) || Field("type") is not { } type) return null;
        var auditEvent = new AuditEvent(type, Field("outcome") ?? AuditOutcomes.Failure)
        {
            Actor = Field("actor"),
            Subject = Field("subject"),
            ClientAddress = Field("address"),
            Detail = Field("detail"),
        };
        return AuditRow.From(auditEvent, DateTimeOffset.FromUnixTimeMilliseconds(at)) with { OutboxId = id };
    }

    [Benchmark(Description = "eight fields by position")]
    public object? ByPosition() => AuditOutbox.Read(_entry);

    [Benchmark(Description = "after: one packed field")]
    public object? Packed() => AuditOutbox.Read(_packed);
}
