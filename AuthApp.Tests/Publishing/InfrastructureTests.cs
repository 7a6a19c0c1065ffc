using System.Text.Json;

namespace AuthApp.Tests.Publishing;

public sealed class InfrastructureTests
{
    [Fact]
    public async Task TheAksBicepCompilesWithoutWarnings()
    {
        using var template = await CompileAsync();
        var types = template.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Contains("Microsoft.ContainerService/managedClusters", types);
        Assert.Contains("Microsoft.KeyVault/vaults", types);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials", types);
        Assert.Contains("Microsoft.ContainerRegistry/registries", types);
        Assert.Equal(2, types.Count(t => t == "Microsoft.Authorization/roleAssignments"));
        var outputs = template.RootElement.GetProperty("outputs").EnumerateObject().Select(o => o.Name).ToList();
        Assert.Contains("WORKLOAD_IDENTITY_CLIENT_ID", outputs);
        Assert.Contains("KEYVAULT_NAME", outputs);
    }

    /// <summary>The compiled ARM template of <c>infra/aks/main.bicep</c>; fails on any warning.</summary>
    public static async Task<JsonDocument> CompileAsync()
    {
        var bicep = RepositoryPaths.BicepExecutable;
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the execute bit of the packaged binary.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var result = await ProcessRunner.RunAsync(
            bicep,
            ["build", Path.Combine(RepositoryPaths.AspirateOutput, "infra", "aks", "main.bicep"), "--stdout"],
            new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("Warning", result.Error, StringComparison.Ordinal);
        return JsonDocument.Parse(result.Output);
    }
}
