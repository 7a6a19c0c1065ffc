using System.Globalization;
using System.Text;
using AuthApp.Dashboard.Otlp.Proto.Common;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>Turns OTLP wire values into the store's plain records.</summary>
internal static class OtlpConversions
{
    public const string ServiceName = "service.name";
    public const string ServiceInstanceId = "service.instance.id";

    /// <summary>The resource a batch belongs to: <c>service.name</c> (the AppHost sets it to the resource name) and instance id.</summary>
    public static (string Name, string InstanceId) Identify(AuthApp.Dashboard.Otlp.Proto.Resource.Resource? resource)
    {
        string? name = null, instance = null;
        foreach (var attribute in resource?.Attributes ?? [])
        {
            if (attribute.Key == ServiceName)
            {
                name = ToText(attribute.Value);
            }
            else if (attribute.Key == ServiceInstanceId)
            {
                instance = ToText(attribute.Value);
            }
        }

        return (string.IsNullOrWhiteSpace(name) ? "unknown_service" : name, instance ?? "");
    }

    public static IReadOnlyList<TelemetryAttribute> ToAttributes(RepeatedField<KeyValue> attributes, int max)
    {
        var count = Math.Min(attributes.Count, max);
        var result = new TelemetryAttribute[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new TelemetryAttribute(attributes[i].Key, ToText(attributes[i].Value));
        }

        return result;
    }

    public static string ToText(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(ToText)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {ToText(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        _ => "",
    };

    public static string ToHex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    public static DateTimeOffset FromUnixNanos(ulong nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    /// <summary>OTLP severity numbers 1–24 in blocks of four, named as .NET log levels.</summary>
    public static string LevelName(int severityNumber) => severityNumber switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Information",
    };

    public static string Dimensions(IReadOnlyList<TelemetryAttribute> attributes)
    {
        if (attributes.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var attribute in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            builder.Append(builder.Length == 0 ? "" : ", ").Append(attribute.Key).Append('=').Append(attribute.Value);
        }

        return builder.ToString();
    }
}
