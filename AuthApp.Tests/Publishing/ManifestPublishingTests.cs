using System.Text.Json;

namespace AuthApp.Tests.Publishing;

/// <summary>The committed aspire-manifest.json is what the real Aspire AppHost publishes, in the shape the tool reads.</summary>
public sealed class ManifestPublishingTests
{
    [Fact]
    public async Task CommittedManifestIsWhatTheAppHostPublishesNow()
    {
        // Written beside the committed one, so project paths are relative to the same folder.
        var fresh = Path.Combine(RepositoryPaths.Root, "AuthApp.AppHost", $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            var result = await ProcessRunner.AppHostAsync(["--publisher", "manifest", "--output-path", fresh]);

            Assert.True(result.ExitCode == 0, result.Error + result.Output);
            Assert.True(
                Normalise(await File.ReadAllTextAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken))
                == Normalise(await File.ReadAllTextAsync(fresh, TestContext.Current.CancellationToken)),
                "AuthApp.AppHost/aspire-manifest.json is stale; run: dotnet run --project AuthApp.AppHost -- --publisher manifest --output-path ../AuthApp.AppHost/aspire-manifest.json");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    [Fact]
    public async Task ManifestEntriesCarryAspiresTypesPlaceholdersAndDefaults()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken));
        var resources = manifest.RootElement.GetProperty("resources");

        var postgres = resources.GetProperty("postgres");
        Assert.Equal("container.v0", postgres.GetProperty("type").GetString());
        Assert.Equal("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}", postgres.GetProperty("connectionString").GetString());
        Assert.Equal(5432, postgres.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32());
        Assert.Equal("{postgres.connectionString};Database=authdb", resources.GetProperty("authdb").GetProperty("connectionString").GetString());
        Assert.Equal("/bin/sh", resources.GetProperty("redis").GetProperty("entrypoint").GetString());
        // Append-only persistence and no RDB snapshots, as locally (decision 0101).
        var redisCommand = resources.GetProperty("redis").GetProperty("args").EnumerateArray().Last().GetString()!;
        Assert.Contains("--appendonly yes --appendfsync everysec --save ''", redisCommand);
        Assert.DoesNotMatch(@"--save \d", redisCommand);
        Assert.False(resources.GetProperty("redis-password").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("generate").GetProperty("special").GetBoolean());
        Assert.Equal("admin@authapp.local", resources.GetProperty("admin-email").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString());

        var apiEnv = resources.GetProperty("api").GetProperty("env");
        Assert.Equal("{api.bindings.http.targetPort}", apiEnv.GetProperty("HTTP_PORTS").GetString());
        Assert.Equal("{authdb.connectionString}", apiEnv.GetProperty("ConnectionStrings__authdb").GetString());
        Assert.Equal("{token-hash-key.value}", apiEnv.GetProperty("Auth__TokenHashKey").GetString());
        Assert.Equal("{api.bindings.http.url}", resources.GetProperty("web").GetProperty("env").GetProperty("services__api__http__0").GetString());
        Assert.False(resources.GetProperty("api").GetProperty("bindings").GetProperty("http").TryGetProperty("targetPort", out _));

        // The migration is the api project with "migrate"; the generator turns it into the api's init container.
        var migrations = resources.GetProperty("migrations");
        Assert.Equal(resources.GetProperty("api").GetProperty("path").GetString(), migrations.GetProperty("path").GetString());
        Assert.Equal(["migrate"], migrations.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task ProjectPathsResolveFromTheManifestsFolder()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken));
        var folder = Path.GetDirectoryName(RepositoryPaths.CommittedManifest)!;

        foreach (var project in manifest.RootElement.GetProperty("resources").EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "project.v0"))
        {
            var path = project.Value.GetProperty("path").GetString()!;
            Assert.DoesNotContain('\\', path);
            Assert.True(File.Exists(Path.Combine(folder, path)), $"{project.Name}: {path} does not resolve from the manifest folder.");
        }
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
