using AuthApp.Aspirate.Kubernetes;
using k8s;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

public sealed class NetworkAndSecretPolicyTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void IngressIsDeniedByDefaultAndOpenedOnlyToThePodsThatNeedIt(string overlay)
    {
        var policies = overlays[overlay].OfType<V1NetworkPolicy>().ToDictionary(p => p.Metadata.Name);

        var deny = policies["default-deny-ingress"];
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Null(deny.Spec.Ingress);
        // PostgreSQL: the api (with its migration step) and the nightly backup's pg_dump.
        Assert.Equal(["api", "authdb-backup"], AllowedApps(policies["postgres"]));
        Assert.Equal("5432", Assert.Single(Assert.Single(policies["postgres"].Spec.Ingress).Ports).Port.Value);

        // Redis is referenced by the api (tokens) and by the web site (the model's WithReference(redis)).
        Assert.Equal(["api", "web"], AllowedApps(policies["redis"]));
        Assert.Equal(["web"], AllowedApps(policies["api"]));
        var controller = policies["allow-ingress-controller"];
        Assert.Equal(["api", "web"], controller.Spec.PodSelector.MatchExpressions.Single().Values);
        Assert.Equal(overlay == "aks" ? "app-routing-system" : "ingress-nginx", controller.Spec.Ingress.Single().FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void NoCommittedFileHoldsASecretValue()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.AspirateOutput, "*", SearchOption.AllDirectories)
            .Where(f => !GeneratedFiles.IsUserFile(Path.GetRelativePath(RepositoryPaths.AspirateOutput, f).Replace('\\', '/'))).ToList();
        var secretSettings = new[] { "PASSWORD", "ConnectionStrings__", "Auth__TokenHashKey", "_URI" };

        foreach (var file in files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("kind: Secret\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("stringData", text, StringComparison.Ordinal);
            if (Path.GetFileName(file) == "kustomization.yaml" && text.Contains("kind: Kustomization", StringComparison.Ordinal))
            {
                var kustomization = KubernetesYaml.Deserialize<Kustomization>(text, strict: true);
                // Secrets come only from git-ignored files: .env, or the TLS files eng/minikube-issuer-tls.sh writes to tls/.
                Assert.All(kustomization.SecretGenerator ?? [], g => Assert.True(
                    g.Literals is null && (g.Envs is [".env"] || (g.Files is { Count: > 0 } tlsFiles && tlsFiles.All(f => f.Split('=')[^1].StartsWith("tls/", StringComparison.Ordinal)))),
                    $"{file} generates a Secret from literals or committed files."));
                var literals = (kustomization.ConfigMapGenerator ?? []).SelectMany(g => g.Literals ?? []);
                Assert.DoesNotContain(literals, l => secretSettings.Any(s => l.Split('=')[0].Contains(s, StringComparison.Ordinal)));
            }
        }

        var example = File.ReadAllLines(Path.Combine(RepositoryPaths.AspirateOutput, "overlays", "minikube", ".env.example"));
        Assert.All(example.Where(l => !l.StartsWith('#')), l => Assert.EndsWith("=", l, StringComparison.Ordinal));
        Assert.Equal(["admin-password", "postgres-password", "redis-password", "token-hash-key"], example.Where(l => !l.StartsWith('#')).Select(l => l.TrimEnd('=')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void EverySettingDerivedFromASecretIsASecretReferenceAndNeverInAConfigMap(string overlay)
    {
        var rendered = overlays[overlay];
        var containers = rendered.PodTemplates.SelectMany(t => t.Template.Spec.Containers.Concat(t.Template.Spec.InitContainers ?? [])).ToDictionary(c => c.Name);

        // Aspire 13 adds connection properties beside the connection strings: *_PASSWORD and *_URI carry the password.
        var expected = new Dictionary<string, string[]>
        {
            ["api"] = ["ConnectionStrings__authdb", "AUTHDB_PASSWORD", "AUTHDB_URI", "ConnectionStrings__redis", "REDIS_PASSWORD", "REDIS_URI", "Auth__TokenHashKey", "Bootstrap__AdminPassword"],
            ["migrations"] = ["ConnectionStrings__authdb", "AUTHDB_PASSWORD", "AUTHDB_URI"],
            ["web"] = ["ConnectionStrings__redis", "REDIS_PASSWORD", "REDIS_URI"],
            ["postgres"] = ["POSTGRES_PASSWORD"],
            ["redis"] = ["REDIS_PASSWORD"],
        };
        var configMapKeys = rendered.OfType<V1ConfigMap>().SelectMany(c => c.Data?.Keys ?? []).ToHashSet();
        foreach (var (name, secretSettings) in expected)
        {
            var env = (containers[name].Env ?? []).ToDictionary(e => e.Name);
            foreach (var setting in secretSettings)
            {
                Assert.DoesNotContain(setting, configMapKeys);
                Assert.True(env.TryGetValue(setting, out var variable), $"{name} lacks {setting}.");
                Assert.True(
                    variable.ValueFrom?.SecretKeyRef?.Name == "authapp-parameters" || variable.Value?.Contains("$(Parameters__", StringComparison.Ordinal) == true,
                    $"{name}/{setting} does not come from the Secret.");
            }
        }

        Assert.All(rendered.OfType<V1ConfigMap>().SelectMany(c => c.Data?.Values ?? []), v => Assert.DoesNotContain("$(Parameters__", v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMinikubeEnvFileIsIgnoredByGit()
    {
        var git = ProcessRunner.FindOnPath("git");

        var ignored = await ProcessRunner.RunAsync(git, ["check-ignore", "-q", "aspirate-output/overlays/minikube/.env"]);
        var example = await ProcessRunner.RunAsync(git, ["check-ignore", "-q", "aspirate-output/overlays/minikube/.env.example"]);

        Assert.Equal(0, ignored.ExitCode);
        Assert.Equal(1, example.ExitCode);
    }

    [Fact]
    public async Task TheAksOverlayTakesSecretsOnlyFromKeyVaultThroughTheCsiDriver()
    {
        var aks = overlays["aks"];
        var kustomization = KubernetesYaml.Deserialize<Kustomization>(
            await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.AspirateOutput, "overlays", "aks", "kustomization.yaml"), TestContext.Current.CancellationToken), strict: true);

        Assert.Null(kustomization.SecretGenerator);
        Assert.Empty(aks.OfType<V1Secret>());
        var provider = Assert.Single(aks.OfType<SecretProviderClass>());
        Assert.Equal("azure", provider.Spec.Provider);
        Assert.Equal("authapp-parameters", Assert.Single(provider.Spec.SecretObjects!).SecretName);
        var account = Assert.Single(aks.OfType<V1ServiceAccount>());
        Assert.Equal("${WORKLOAD_IDENTITY_CLIENT_ID}", account.Metadata.Annotations["azure.workload.identity/client-id"]);
        foreach (var (workload, template) in aks.PodTemplates)
        {
            Assert.True(template.Metadata.Labels.TryGetValue("azure.workload.identity/use", out var use) && use == "true", $"{workload} is not labelled for workload identity.");
            Assert.Equal(account.Metadata.Name, template.Spec.ServiceAccountName);
            var volume = Assert.Single(template.Spec.Volumes, v => v.Csi is not null);
            Assert.Equal("secrets-store.csi.k8s.io", volume.Csi.Driver);
            Assert.Equal(provider.Metadata.Name, volume.Csi.VolumeAttributes["secretProviderClass"]);
            Assert.Contains(template.Spec.Containers[0].VolumeMounts, m => m.Name == volume.Name && m.ReadOnlyProperty == true);
        }
    }

    [Fact]
    public void TheAksOverlayScalesTheProjectsAndServesThemWithTls()
    {
        var aks = overlays["aks"];

        foreach (var project in new[] { "api", "web" })
        {
            var deployment = Assert.Single(aks.OfType<V1Deployment>(), d => d.Metadata.Name == project);
            Assert.Equal(2, deployment.Spec.Replicas);
            Assert.StartsWith("${ACR_NAME}.azurecr.io/" + project + ":", deployment.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
            Assert.Equal(project, Assert.Single(aks.OfType<V1PodDisruptionBudget>(), p => p.Metadata.Name == project).Spec.Selector.MatchLabels["app"]);
            var autoscaler = Assert.Single(aks.OfType<V2HorizontalPodAutoscaler>(), h => h.Metadata.Name == project);
            Assert.Equal(project, autoscaler.Spec.ScaleTargetRef.Name);
            Assert.True(autoscaler.Spec.MinReplicas >= 2);
        }

        var ingress = Assert.Single(aks.OfType<V1Ingress>());
        Assert.Equal("webapprouting.kubernetes.azure.com", ingress.Spec.IngressClassName);
        Assert.Equal(["auth.${DNS_ZONE}", "admin.${DNS_ZONE}"], Assert.Single(ingress.Spec.Tls).Hosts);
        Assert.All(aks.OfType<V1StatefulSet>(), s => Assert.Equal("managed-csi", s.Spec.VolumeClaimTemplates[0].Spec.StorageClassName));
    }

    [Fact]
    public void TheMinikubeOverlayUsesLoadedImagesStandardStorageAndBooksTestHosts()
    {
        var minikube = overlays["minikube"];

        Assert.Equal(["admin-password", "postgres-password", "redis-password", "token-hash-key"], minikube.OfType<V1Secret>().Single(s => s.Metadata.Name == "authapp-parameters").Data.Keys.Order(StringComparer.Ordinal));
        Assert.All(minikube.OfType<V1StatefulSet>(), s => Assert.Equal("standard", s.Spec.VolumeClaimTemplates[0].Spec.StorageClassName));
        Assert.All(
            minikube.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? [])),
            c => Assert.Equal("Never", c.ImagePullPolicy));
        var ingress = Assert.Single(minikube.OfType<V1Ingress>());
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal(
            [("auth.books.test", "api"), ("admin.books.test", "web")],
            ingress.Spec.Rules.Select(r => (r.Host, r.Http.Paths.Single().Backend.Service.Name)));
    }

    [Fact]
    public void NodePortsForTheServersAreOptIn()
    {
        Assert.DoesNotContain(overlays["minikube"].OfType<V1Service>(), s => s.Spec.Type == "NodePort");

        var nodePorts = overlays["minikube-node-ports"].OfType<V1Service>().Where(s => s.Spec.Type == "NodePort").ToList();

        Assert.Equal([("postgres", 30432), ("redis", 30379)], nodePorts.Select(s => (s.Spec.Selector["app"], s.Spec.Ports.Single().NodePort ?? 0)));
    }

    private static List<string> AllowedApps(V1NetworkPolicy policy) =>
        [.. policy.Spec.Ingress.SelectMany(r => r.FromProperty).Select(f => f.PodSelector.MatchLabels["app"]).Order(StringComparer.Ordinal)];
}
