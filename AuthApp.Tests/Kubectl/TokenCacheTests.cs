using System.Runtime.Versioning;
using AuthApp.Kubectl.Tokens;

namespace AuthApp.Tests.Kubectl;

/// <summary>The plugin's token cache: owner-only on disk (S19), one entry per issuer, client and scopes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class TokenCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authapp-kubectl-cache-").FullName;

    private string CacheDirectory => Path.Combine(_root, ".kube", "cache", "authapp");

    [Fact]
    public void CacheFolderIs0700AndItsFilesAre0600()
    {
        var cache = new TokenCache(CacheDirectory);

        cache.Write(Tokens("https://auth.example/", "kubectl"), "openid");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDirectory));
        var file = Assert.Single(Directory.GetFiles(CacheDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void AnExistingWideOpenFolderIsNarrowedToTheOwner()
    {
        Directory.CreateDirectory(CacheDirectory);
        File.SetUnixFileMode(CacheDirectory, (UnixFileMode)0b111_111_111);

        new TokenCache(CacheDirectory).Write(Tokens("https://auth.example/", "kubectl"), "openid");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDirectory));
    }

    [Fact]
    public void TokensComeBackForTheSameIssuerClientAndScopesOnly()
    {
        var cache = new TokenCache(CacheDirectory);
        cache.Write(Tokens("https://auth.example/", "kubectl") with { RefreshToken = "refresh-1" }, "openid offline_access");

        var read = cache.Read("https://auth.example/", "kubectl", "openid offline_access");

        Assert.Equal("refresh-1", read?.RefreshToken);
        Assert.Null(cache.Read("https://other.example/", "kubectl", "openid offline_access"));
        Assert.Null(cache.Read("https://auth.example/", "other-client", "openid offline_access"));
        Assert.Null(cache.Read("https://auth.example/", "kubectl", "openid"));
    }

    [Fact]
    public void RewritingReplacesTheEntryAndLeavesNoTemporaryFile()
    {
        var cache = new TokenCache(CacheDirectory);
        cache.Write(Tokens("https://auth.example/", "kubectl") with { RefreshToken = "old" }, "openid");

        cache.Write(Tokens("https://auth.example/", "kubectl") with { RefreshToken = "new" }, "openid");

        Assert.Equal("new", cache.Read("https://auth.example/", "kubectl", "openid")?.RefreshToken);
        Assert.Single(Directory.GetFiles(CacheDirectory));
    }

    [Fact]
    public void ACorruptFileReadsAsNoTokens()
    {
        var cache = new TokenCache(CacheDirectory);
        cache.Write(Tokens("https://auth.example/", "kubectl"), "openid");
        File.WriteAllText(cache.PathFor("https://auth.example/", "kubectl", "openid"), "{ not json");

        Assert.Null(cache.Read("https://auth.example/", "kubectl", "openid"));
    }

    [Fact]
    public void RemoveForgetsTheEntry()
    {
        var cache = new TokenCache(CacheDirectory);
        cache.Write(Tokens("https://auth.example/", "kubectl"), "openid");

        cache.Remove("https://auth.example/", "kubectl", "openid");

        Assert.Null(cache.Read("https://auth.example/", "kubectl", "openid"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CachedTokens Tokens(string issuer, string clientId) =>
        new() { Issuer = issuer, ClientId = clientId, IdToken = "h.p.s" };
}
