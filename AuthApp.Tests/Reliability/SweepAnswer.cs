using System.Text.Json;

namespace AuthApp.Tests.Reliability;

/// <summary>What every answer to a malformed request must be: a 4xx, as a problem body, echoing no secret (S13, S17).</summary>
public static class SweepAnswer
{
    /// <summary>What is wrong with the answer, or null when it is right.</summary>
    public static string? Problem(SweepEndpoint endpoint, HttpResponseMessage response, string body, IEnumerable<string> secrets)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500) return $"answered {status}: {Shorten(body)}";

        var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
        if (secrets.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal) || headers.Contains(s, StringComparison.Ordinal)) is { } echoed)
        {
            return $"answered {status} echoing a secret ({echoed[..Math.Min(8, echoed.Length)]}…)";
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "application/problem+json" && IsProblem(body, status)) return null;
        // RFC 6749 §5.2: the token endpoints answer {"error": ...} instead.
        if (endpoint.OAuthErrors && mediaType == "application/json" && IsOAuthError(body)) return null;
        return $"answered {status} without a problem body ({mediaType}): {Shorten(body)}";
    }

    private static bool IsProblem(string body, int status)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
            && json.RootElement.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString());
    }

    private static bool IsOAuthError(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("error", out var error) && !string.IsNullOrWhiteSpace(error.GetString());
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
