using System.Globalization;
using System.Text.Json;

namespace AuthApp.Kubectl.Credentials;

/// <summary>Reads kubectl's <c>KUBERNETES_EXEC_INFO</c> and writes the answer it expects.</summary>
internal static class ExecCredentialWriter
{
    public const string ExecInfoVariable = "KUBERNETES_EXEC_INFO";

    /// <summary>
    /// The request kubectl sent, or a v1 default when the plugin runs by hand. Only v1 is spoken: an older
    /// kubectl asking for v1beta1 gets a clear error rather than an answer it might misread.
    /// </summary>
    public static ExecCredential ReadRequest(string? execInfo)
    {
        if (string.IsNullOrWhiteSpace(execInfo))
        {
            return new ExecCredential();
        }

        ExecCredential? request;
        try
        {
            request = JsonSerializer.Deserialize(execInfo, ExecCredentialJson.Default.ExecCredential);
        }
        catch (JsonException exception)
        {
            throw new PluginException($"{ExecInfoVariable} is not an ExecCredential object ({exception.Message}).");
        }

        if (request is null || request.ApiVersion != ExecCredential.V1)
        {
            throw new PluginException(
                $"{ExecInfoVariable} asks for apiVersion '{request?.ApiVersion}'; this plugin speaks {ExecCredential.V1} only (set the user's exec apiVersion to it).");
        }

        return request;
    }

    public static string Write(ExecCredential request, string idToken, DateTimeOffset expiresAt) =>
        JsonSerializer.Serialize(
            request with
            {
                Status = new ExecCredentialStatus
                {
                    Token = idToken,
                    ExpirationTimestamp = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
            },
            ExecCredentialJson.Default.ExecCredential);
}
