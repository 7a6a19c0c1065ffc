using System.Text;
using System.Text.Json;
using AuthApp.Hosting;
using AuthApp.Hosting.Publishing.Manifest;

namespace AuthApp.Tests.Publishing;

public sealed class ManifestPublishingTests
{
    [Fact]
    public async Task CommittedManifestIsByteForByteWhatTheModelPublishes()
    {
        // Written beside the committed one, so project paths are relative to the same folder.
        var fresh = Path.Combine(RepositoryPaths.Root, "AuthApp.AppHost", $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            var result = await ProcessRunner.AppHostAsync(["--publisher", "manifest", "--output-path", fresh]);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal(await File.ReadAllBytesAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(fresh, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    [Fact]
    public async Task AnOutputFolderGetsAspireManifestJsonInTheNineDialect()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AppHostAsync(["--publisher", "manifest", "--output-path", temp.Path]);

        Assert.Equal(0, result.ExitCode);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(temp.Path, "aspire-manifest.json"), TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("{\n  \"$schema\": \"https://json.schemastore.org/aspire-8.0.json\",\n  \"resources\": {\n    \"postgres\": {", text, StringComparison.Ordinal);
        Assert.EndsWith("}", text, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(bytes);
        var resources = manifest.RootElement.GetProperty("resources");
        Assert.Equal(
            ["postgres", "authdb", "redis", "token-hash-key", "admin-email", "admin-password", "migrations", "api", "web", "postgres-password", "redis-password"],
            resources.EnumerateObject().Select(p => p.Name));
        var apiPath = resources.GetProperty("api").GetProperty("path").GetString()!;
        Assert.DoesNotContain('\\', apiPath);
        Assert.True(File.Exists(Path.Combine(temp.Path, apiPath)), $"{apiPath} does not resolve from the manifest folder.");
    }

    [Fact]
    public async Task ManifestEntriesCarryAspiresTypesPlaceholdersAndGeneratedDefaults()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken));
        var resources = manifest.RootElement.GetProperty("resources");

        var postgres = resources.GetProperty("postgres");
        Assert.Equal("container.v0", postgres.GetProperty("type").GetString());
        Assert.Equal("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}", postgres.GetProperty("connectionString").GetString());
        Assert.Equal(5432, postgres.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32());
        Assert.Equal("{postgres.connectionString};Database=authdb", resources.GetProperty("authdb").GetProperty("connectionString").GetString());
        Assert.Equal("/bin/sh", resources.GetProperty("redis").GetProperty("entrypoint").GetString());
        Assert.False(resources.GetProperty("redis-password").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("generate").GetProperty("special").GetBoolean());

        var apiEnv = resources.GetProperty("api").GetProperty("env");
        Assert.Equal("{api.bindings.http.targetPort}", apiEnv.GetProperty("HTTP_PORTS").GetString());
        Assert.Equal("{authdb.connectionString}", apiEnv.GetProperty("ConnectionStrings__authdb").GetString());
        Assert.Equal("{token-hash-key.value}", apiEnv.GetProperty("Auth__TokenHashKey").GetString());
        Assert.Equal("{api.bindings.http.url}", resources.GetProperty("web").GetProperty("env").GetProperty("services__api__http__0").GetString());
        Assert.False(resources.GetProperty("api").GetProperty("bindings").GetProperty("http").TryGetProperty("targetPort", out _));
    }

    [Fact]
    public void ValuesAreEscapedAsSystemTextJsonDoesByDefault()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = Path.GetTempPath() });
        builder.AddParameter("origin", "<a+b>&'c'");
        var model = new DistributedApplicationModel(builder.Resources, builder.AppHostDirectory);

        var text = Encoding.UTF8.GetString(new ManifestPublisher(model).Render(Path.GetTempPath()));

        Assert.Contains("\"value\": \"\\u003Ca\\u002Bb\\u003E\\u0026\\u0027c\\u0027\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersTheBuilderCreatedComeLastInTheOrderTheyAreFirstReferenced()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = Path.GetTempPath() });
        var postgres = builder.AddPostgres("pg");
        var cache = builder.AddRedis("cache");
        builder.AddProject("app", "app/app.csproj").WithReference(cache).WithReference(postgres.AddDatabase("db"));
        var reordered = new[] { "cache", "pg-password", "pg", "db", "cache-password", "app" }.Select(n => builder.Resources.Single(r => r.Name == n)).ToList();
        var model = new DistributedApplicationModel(reordered, builder.AppHostDirectory);

        using var manifest = JsonDocument.Parse(new ManifestPublisher(model).Render(Path.GetTempPath()));

        Assert.Equal(
            ["cache", "pg", "db", "app", "cache-password", "pg-password"],
            manifest.RootElement.GetProperty("resources").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnUnknownPublisherFailsWithAMessageNamingIt()
    {
        var result = await ProcessRunner.AppHostAsync(["--publisher", "docker-compose", "--output-path", Path.GetTempPath()]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown publisher 'docker-compose'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnwritableOutputPathFailsWithAOneLineErrorInsteadOfAStackTrace()
    {
        using var temp = new TempFolder();
        var blocker = Path.Combine(temp.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder", TestContext.Current.CancellationToken);

        var result = await ProcessRunner.AppHostAsync(["--publisher", "manifest", "--output-path", Path.Combine(blocker, "out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: publishing failed:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManifestPublisherNeedsAnOutputPath()
    {
        var result = await ProcessRunner.AppHostAsync(["--publisher", "manifest"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--output-path is required", result.Error, StringComparison.Ordinal);
    }
}
