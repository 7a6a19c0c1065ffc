using k8s.Models;

namespace AuthApp.Tests.Publishing;

public sealed class WorkloadPolicyTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void EveryContainerHasProbesLimitsAndTheRestrictedSecurityContext(string overlay)
    {
        var templates = overlays[overlay].PodTemplates.ToList();
        Assert.Equal(5, templates.Count);
        foreach (var (workload, template) in templates)
        {
            // A job's pod runs to completion: nothing routes to it or restarts it for being slow, so it has no probes.
            foreach (var container in workload.StartsWith("CronJob/", StringComparison.Ordinal) ? [] : template.Spec.Containers)
            {
                Assert.True(container.ReadinessProbe is not null && container.LivenessProbe is not null, $"{workload}/{container.Name} lacks probes.");
            }

            foreach (var container in template.Spec.Containers.Concat(template.Spec.InitContainers ?? []))
            {
                var name = $"{workload}/{container.Name}";
                Assert.True(container.Resources?.Limits?.ContainsKey("cpu") == true && container.Resources.Limits.ContainsKey("memory"), $"{name} has no limits.");
                Assert.True(container.Resources.Requests?.ContainsKey("memory") == true, $"{name} has no requests.");
                var security = container.SecurityContext;
                Assert.True(security is { RunAsNonRoot: true, ReadOnlyRootFilesystem: true, AllowPrivilegeEscalation: false }, $"{name} is not hardened.");
                Assert.Equal(["ALL"], security.Capabilities.Drop);
                Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
                Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
            }

            Assert.True(template.Spec.SecurityContext is { RunAsNonRoot: true, RunAsUser: > 0 }, $"{workload} may run as root.");
            Assert.Equal("RuntimeDefault", template.Spec.SecurityContext.SeccompProfile.Type);
            Assert.False(template.Spec.AutomountServiceAccountToken);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void ProjectsProbeHealthAndAliveAndServersUseTheirOwnClients(string overlay)
    {
        var containers = overlays[overlay].PodTemplates.ToDictionary(t => t.Workload, t => t.Template.Spec.Containers[0]);

        foreach (var project in new[] { "Deployment/api", "Deployment/web" })
        {
            Assert.Equal("/health", containers[project].ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", containers[project].LivenessProbe.HttpGet.Path);
        }

        Assert.Equal("pg_isready", containers["StatefulSet/postgres"].ReadinessProbe.Exec.Command[0]);
        Assert.Contains("redis-cli ping", containers["StatefulSet/redis"].ReadinessProbe.Exec.Command[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void ServersAreStatefulSetsWithVolumeClaimTemplatesAndTheMigrationRunsBeforeTheApi(string overlay)
    {
        var rendered = overlays[overlay];
        foreach (var (name, target) in new[] { ("postgres", "/var/lib/postgresql"), ("redis", "/data") })
        {
            var server = Assert.Single(rendered.OfType<V1StatefulSet>(), s => s.Metadata.Name == name);
            var claim = Assert.Single(server.Spec.VolumeClaimTemplates);
            Assert.Contains(server.Spec.Template.Spec.Containers[0].VolumeMounts, m => m.Name == claim.Metadata.Name && m.MountPath == target);
        }

        var api = Assert.Single(rendered.OfType<V1Deployment>(), d => d.Metadata.Name == "api");
        var migration = Assert.Single(api.Spec.Template.Spec.InitContainers);
        Assert.Equal(["migrate"], migration.Args);
        Assert.Equal(api.Spec.Template.Spec.Containers[0].Image, migration.Image);
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void ProjectsListenOn8080AndReachOthersByServiceName(string overlay)
    {
        var rendered = overlays[overlay];
        var configMaps = rendered.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);
        var api = Assert.Single(rendered.OfType<V1Deployment>(), d => d.Metadata.Name == "api").Spec.Template.Spec.Containers[0];
        var web = Assert.Single(rendered.OfType<V1Deployment>(), d => d.Metadata.Name == "web").Spec.Template.Spec.Containers[0];

        Assert.Equal("http://+:8080", configMaps[api.EnvFrom[0].ConfigMapRef.Name].Data["ASPNETCORE_URLS"]);
        Assert.Equal(8080, Assert.Single(api.Ports).ContainerPort);
        Assert.StartsWith("Host=postgres;Port=5432;", api.Env.Single(e => e.Name == "ConnectionStrings__authdb").Value, StringComparison.Ordinal);
        Assert.StartsWith("redis:6379,password=$(", api.Env.Single(e => e.Name == "ConnectionStrings__redis").Value, StringComparison.Ordinal);
        Assert.Equal("http://api:8080", configMaps[web.EnvFrom[0].ConfigMapRef.Name].Data["services__api__http__0"]);

        // TLS ends at the Ingress: the pods serve http only, so nothing points at an https endpoint inside the cluster.
        Assert.DoesNotContain(configMaps.Values.SelectMany(c => c.Data.Keys), k => k.Contains("https", StringComparison.OrdinalIgnoreCase));
        Assert.All(rendered.OfType<V1Service>(), s => Assert.DoesNotContain(s.Spec.Ports, p => p.Name == "https"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void EveryServiceSelectsSomePodOnAPortItExposes(string overlay)
    {
        var rendered = overlays[overlay];
        foreach (var service in rendered.OfType<V1Service>())
        {
            var pods = rendered.PodTemplates.Where(t => service.Spec.Selector.All(s => t.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value)).ToList();
            Assert.True(pods.Count > 0, $"Service {service.Metadata.Name} selects no pod.");
            foreach (var port in service.Spec.Ports)
            {
                Assert.Contains(pods.SelectMany(p => p.Template.Spec.Containers).SelectMany(c => c.Ports), p => p.Name == port.TargetPort.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void EveryConfigMapAndSecretAPodReferencesIsProvided(string overlay)
    {
        var rendered = overlays[overlay];
        var configMaps = rendered.OfType<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();
        var secretKeys = rendered.OfType<V1Secret>().SelectMany(s => (s.Data?.Keys ?? []).Select(k => (s.Metadata.Name, k)))
            .Concat(rendered.OfType<AuthApp.Aspirate.Kubernetes.SecretProviderClass>()
                .SelectMany(p => p.Spec.SecretObjects!.SelectMany(o => o.Data.Select(d => (o.SecretName, d.Key)))))
            .ToHashSet();

        foreach (var container in rendered.PodTemplates.SelectMany(t => t.Template.Spec.Containers.Concat(t.Template.Spec.InitContainers ?? [])))
        {
            Assert.All(container.EnvFrom ?? [], e => Assert.Contains(e.ConfigMapRef.Name, configMaps));
            foreach (var reference in (container.Env ?? []).Where(e => e.ValueFrom is not null).Select(e => e.ValueFrom.SecretKeyRef))
            {
                Assert.Contains((reference.Name, reference.Key), secretKeys);
            }
        }
    }
}
