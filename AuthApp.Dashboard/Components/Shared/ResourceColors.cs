namespace AuthApp.Dashboard.Components.Shared;

/// <summary>A stable colour per resource name, so a resource looks the same on every page and every run.</summary>
internal static class ResourceColors
{
    private static readonly string[] Palette =
        ["#0078d4", "#d13438", "#107c10", "#8764b8", "#ca5010", "#038387", "#c239b3", "#498205"];

    public static string For(string resource)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 2166136261u;
        foreach (var c in resource.ToUpperInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[hash % (uint)Palette.Length];
    }
}
