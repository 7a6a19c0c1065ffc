using System.Globalization;

namespace AuthApp.Dashboard.Components.Shared;

internal static class Formatting
{
    public static string Time(DateTimeOffset? time) =>
        time?.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "";

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => $"{duration.TotalMicroseconds:0}μs",
        < 1000 => $"{duration.TotalMilliseconds:0.##}ms",
        _ => $"{duration.TotalSeconds:0.##}s",
    };

    public static string Number(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##M", CultureInfo.InvariantCulture),
        >= 10_000 => (value / 1_000).ToString("0.##k", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
