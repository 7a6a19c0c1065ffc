using System.Net;
using System.Text.Json;

namespace AuthApp.Web.Api;

/// <summary>Turns a failed API answer into an exception whose message is the problem's detail (or title).</summary>
internal static class ApiErrors
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.Unauthorized) throw new ApiSessionEndedException();
        throw new ApiException(await DescribeAsync(response, cancellationToken), (int)response.StatusCode);
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = $"The API answered {(int)response.StatusCode} ({response.ReasonPhrase}).";
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            if (Text(root, "detail") is { } detail) return detail;
            if (Text(root, "error_description") is { } oauth) return oauth;
            return Text(root, "title") ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
