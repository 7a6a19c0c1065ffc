using AuthApp.Aspirate.Kubernetes;
using k8s;

namespace AuthApp.Tests.Publishing;

/// <summary>
/// Decision 0094 on AKS: the CSI driver re-reads Key Vault, and the services read the mounted files (not only the
/// environment synced once), so a secret changed in the vault reaches running pods without a redeploy.
/// </summary>
public sealed class SecretRotationPolicyTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Fact]
    public void TheAksMountNamesEachRotatedSecretForTheSettingItSets()
    {
        var provider = Assert.Single(overlays["aks"].OfType<SecretProviderClass>());
        var array = KubernetesYaml.Deserialize<KeyVaultObjectArray>(provider.Spec.Parameters["objects"]);
        var aliases = array.Array.Select(o => KubernetesYaml.Deserialize<KeyVaultObject>(o)).ToDictionary(o => o.ObjectName, o => o.ObjectAlias);

        Assert.Equal("Storage__PostgresPassword", aliases["postgres-password"]);
        Assert.Equal("Storage__RedisPassword", aliases["redis-password"]);
        Assert.Equal("Auth__TokenHashKey", aliases["token-hash-key"]);
        // The synced Secret (for the servers' own environment) still has its keys, read from the aliased files.
        var synced = Assert.Single(provider.Spec.SecretObjects!).Data.ToDictionary(d => d.Key, d => d.ObjectName);
        foreach (var (name, alias) in aliases) Assert.Equal(alias ?? name, synced[name]);
    }

    [Fact]
    public void TheAksApiAndWebReadTheMountAsTheirSecretFolder()
    {
        foreach (var (workload, template) in overlays["aks"].PodTemplates.Where(p => p.Workload is "Deployment/api" or "Deployment/web"))
        {
            var container = template.Spec.Containers[0];
            var folder = Assert.Single(container.Env, e => e.Name == "Secrets__Directory").Value;
            var volume = Assert.Single(template.Spec.Volumes, v => v.Csi is not null);
            Assert.True(container.VolumeMounts.Any(m => m.Name == volume.Name && m.MountPath == folder), $"{workload} does not mount the vault at {folder}.");
        }

        Assert.Equal(2, overlays["aks"].PodTemplates.Count(p => p.Workload is "Deployment/api" or "Deployment/web"));
    }

    [Fact]
    public void TheMinikubeOverlayKeepsItsSecretsInTheEnvironment()
    {
        // No CSI driver there: rotation means a new Secret and a rollout (runbooks).
        Assert.DoesNotContain(overlays["minikube"].PodTemplates, p => p.Template.Spec.Containers[0].Env?.Any(e => e.Name == "Secrets__Directory") == true);
    }

    [Fact]
    public async Task TheAksBicepTurnsOnSecretRotationWithAPollInterval()
    {
        using var template = await InfrastructureTests.CompileAsync();
        var cluster = template.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.ContainerService/managedClusters");
        var config = cluster.GetProperty("properties").GetProperty("addonProfiles").GetProperty("azureKeyvaultSecretsProvider").GetProperty("config");

        Assert.Equal("true", config.GetProperty("enableSecretRotation").GetString());
        Assert.Equal("2m", config.GetProperty("rotationPollInterval").GetString());
    }
}
