namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// The Key Vault secrets the services read as files of the CSI mount (decision 0094), so a secret changed in the vault
/// reaches running pods without a redeploy. Each file is named for the configuration key it sets (<c>__</c> for
/// <c>:</c>): the API and Web read the mount as their secret folder (<c>Secrets:Directory</c>).
/// </summary>
internal static class SecretFiles
{
    /// <summary>Where every pod of the AKS overlay mounts the vault.</summary>
    public const string MountPath = "/mnt/secrets-store";

    /// <summary>
    /// Parameter (vault object) to the configuration key its file sets. The server passwords become the services'
    /// <c>Storage:*Password</c> settings, which win over the password inside the connection strings.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ByParameter = new Dictionary<string, string>
    {
        ["postgres-password"] = "Storage__PostgresPassword",
        ["redis-password"] = "Storage__RedisPassword",
        ["token-hash-key"] = "Auth__TokenHashKey",
        ["admin-password"] = "Bootstrap__AdminPassword",
    };

    public static string FileOf(string parameter) => ByParameter.GetValueOrDefault(parameter, parameter);
}
