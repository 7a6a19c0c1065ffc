using System.Runtime.Versioning;
using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace AuthApp.Tests.AppHost.Orchestration;

[UnsupportedOSPlatform("windows")]
public sealed class ParameterStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("authapp-params-").FullName;

    private string FilePath => Path.Combine(_folder, ParameterStore.FileName);

    [Fact]
    public void GeneratedValueIsStoredInAnOwnerOnlyFileAndReusedByTheNextRun()
    {
        var first = new ParameterResource("postgres-password", secret: true, new GenerateParameterDefault());
        var second = new ParameterResource("postgres-password", secret: true, new GenerateParameterDefault());

        Resolver().Resolve(first);
        Resolver().Resolve(second);

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Contains(first.Value, File.ReadAllText(FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationWinsOverTheStoredValueAndIsNotStored()
    {
        new ParameterStore(FilePath).Set("admin-password", "stored-value");
        var parameter = new ParameterResource("admin-password", secret: true, new GenerateParameterDefault());

        Resolver(new() { ["Parameters:admin-password"] = "from-configuration" }).Resolve(parameter);

        Assert.Equal("from-configuration", parameter.Value);
        Assert.Equal("stored-value", new ParameterStore(FilePath).Get("admin-password"));
    }

    [Fact]
    public void DefaultValueIsUsedWhenNothingIsConfiguredOrStored()
    {
        var parameter = new ParameterResource("admin-email", secret: false) { DefaultValue = "admin@authapp.local" };

        Resolver().Resolve(parameter);

        Assert.Equal("admin@authapp.local", parameter.Value);
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void ParameterWithoutValueOrGeneratorIsRefusedWithTheSettingToSet()
    {
        var parameter = new ParameterResource("api-key", secret: true);

        var error = Assert.Throws<DistributedApplicationException>(() => Resolver().Resolve(parameter));

        Assert.Contains("Parameters:api-key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Parameters__api-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedPasswordsAreLongAndRedisOnesHaveOnlyLettersAndDigits()
    {
        var plain = ParameterGenerator.Generate(new GenerateParameterDefault { MinLength = 22, Special = false });
        var special = ParameterGenerator.Generate(new GenerateParameterDefault { MinLength = 44 });

        Assert.Equal(22, plain.Length);
        Assert.All(plain, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(44, special.Length);
        Assert.Contains(special, c => !char.IsAsciiLetterOrDigit(c));
        Assert.DoesNotContain(special, c => c is ';' or ',' or '=' or '\'' or '"');
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ParameterResolver Resolver(Dictionary<string, string?>? configuration = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? []).Build(), new ParameterStore(FilePath));
}
