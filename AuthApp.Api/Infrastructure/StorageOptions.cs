namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The <c>ConnectionStrings</c> section, named as Aspire's <c>WithReference</c> passes them:
/// <c>ConnectionStrings:authdb</c> (Npgsql) and <c>ConnectionStrings:redis</c> (StackExchange.Redis).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>PostgreSQL, Npgsql format. Required.</summary>
    public string? Authdb { get; set; }

    /// <summary>Redis, StackExchange.Redis format. Required.</summary>
    public string? Redis { get; set; }
}
