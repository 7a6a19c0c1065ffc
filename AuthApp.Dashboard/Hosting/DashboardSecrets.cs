using System.Security.Cryptography;
using System.Text;

namespace AuthApp.Dashboard.Hosting;

/// <summary>Per-run secrets: the browser sign-in token and the OTLP API key. Never persisted, never logged (the login URL aside).</summary>
internal sealed class DashboardSecrets
{
    /// <summary>16 random bytes as 32 lower-case hex characters, as Aspire's browser token.</summary>
    public string BrowserToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string OtlpApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public bool IsBrowserToken(string? candidate) => FixedTimeEquals(candidate, BrowserToken);

    public bool IsOtlpApiKey(string? candidate) => FixedTimeEquals(candidate, OtlpApiKey);

    /// <summary>Constant time for equal lengths; the length of a random token is no secret.</summary>
    private static bool FixedTimeEquals(string? candidate, string expected) =>
        candidate is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));
}
