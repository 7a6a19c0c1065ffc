namespace AuthApp.Api.Infrastructure;

/// <summary>The one place the caller's address is read, for audit, sessions, lockout and rate limits.</summary>
public static class ClientAddress
{
    /// <summary>Behind a proxy this is the proxy's address unless forwarded headers are configured.</summary>
    public static string? ClientAddressOf(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
