using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthApp.Kubectl.Tokens;

/// <summary>
/// One JSON file per issuer, client and scope set in an owner-only folder (0700, files 0600), like kubectl's
/// own cache: anyone who can read it can act as the user until the refresh token expires.
/// </summary>
internal sealed class TokenCache(string directory)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Directory { get; } = directory;

    /// <summary>The cache file of an issuer, client and scope set (a hash, so names are safe and fixed-length).</summary>
    public string PathFor(string issuer, string clientId, string scopes)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{clientId}\n{scopes}"));
        return Path.Combine(Directory, Convert.ToHexStringLower(key)[..32] + ".json");
    }

    /// <summary>The cached tokens, or <c>null</c> when there are none or the file is unreadable (then the user signs in again).</summary>
    public CachedTokens? Read(string issuer, string clientId, string scopes)
    {
        var path = PathFor(issuer, clientId, scopes);
        try
        {
            var tokens = JsonSerializer.Deserialize(File.ReadAllText(path), CachedTokensJson.Default.CachedTokens);
            return tokens is not null && tokens.Issuer == issuer && tokens.ClientId == clientId ? tokens : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the tokens atomically: a new owner-only file renamed over the old one.</summary>
    public void Write(CachedTokens tokens, string scopes)
    {
        CreateOwnerOnlyFolder();
        var path = PathFor(tokens.Issuer, tokens.ClientId, scopes);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600, so the tokens are never readable by others, not even for a moment.
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, tokens, CachedTokensJson.Default.CachedTokens);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Forgets the tokens (a refresh was refused: the next run signs in).</summary>
    public void Remove(string issuer, string clientId, string scopes) => File.Delete(PathFor(issuer, clientId, scopes));

    private void CreateOwnerOnlyFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory, OwnerOnlyFolder);

        // A folder that already existed (made by hand or an older version) is narrowed too.
        File.SetUnixFileMode(Directory, OwnerOnlyFolder);
    }
}
