using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>Builds the container of a workload: image, environment, ports, probes, limits and hardening.</summary>
internal sealed class ContainerFactory(ModelTopology topology, KubernetesPublishingOptions options)
{
    public const string ConfigMapSuffix = "-env";

    private readonly KubernetesValueResolver _resolver = new(topology.Manifest);

    public string Image(ManifestWorkload workload) => workload switch
    {
        ManifestContainer container => container.Image,
        ManifestProject project => ProjectImageName(topology.ImageRepository(project)) + ":" + options.ContainerImageTag,
        _ => throw new ManifestException($"'{workload.Name}' has no image."),
    };

    /// <summary>The project image's name without tag (what kustomize <c>images:</c> matches).</summary>
    public string ProjectImageName(string repository) =>
        options.ContainerRegistry is { Length: > 0 } registry ? $"{registry.TrimEnd('/')}/{repository}" : repository;

    /// <summary>Plain settings of a workload (its ConfigMap), in order: nothing derived from a secret.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PlainSettings(ManifestWorkload workload) =>
        [.. Settings(workload).Where(s => s.Value.Secrets.Count == 0).Select(s => KeyValuePair.Create(s.Key, s.Value.Text))];

    public V1Container Create(ManifestWorkload workload, bool isInitStep = false)
    {
        var container = new V1Container
        {
            Name = workload.Name,
            Image = Image(workload),
            ImagePullPolicy = workload is ManifestProject ? options.ImagePullPolicy : "IfNotPresent",
            Command = workload is ManifestContainer { Entrypoint: { } entrypoint } ? [entrypoint] : null,
            Args = workload.Args.Count > 0 ? [.. workload.Args] : null,
            EnvFrom = PlainSettings(workload).Count > 0
                ? [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = workload.Name + ConfigMapSuffix } }]
                : null,
            Env = SecretEnvironment(workload),
            Ports = isInitStep ? null : [.. PublishedResource.Endpoints(workload).Select(e => new V1ContainerPort
            {
                Name = e.Name,
                ContainerPort = KubernetesValueResolver.Port(workload, e),
                Protocol = "TCP",
            })],
            Resources = ResourceLimits.For(workload),
            SecurityContext = Hardening.Container(),
            VolumeMounts = [.. PodVolumes.Mounts(workload)],
        };
        if (!isInitStep)
        {
            Probes.Apply(workload, container);
        }

        return container;
    }

    private List<V1EnvVar>? SecretEnvironment(ManifestWorkload workload)
    {
        var composed = Settings(workload).Where(s => s.Value.Secrets.Count > 0).ToList();
        var env = new List<V1EnvVar>();

        // Kubernetes expands $(VAR) only from variables listed earlier, so the helpers come first.
        foreach (var parameter in composed.Where(s => s.Value.SoleSecret is null).SelectMany(s => s.Value.Secrets).Distinct())
        {
            env.Add(SecretReference(KubernetesValueResolver.SecretVariable(parameter), parameter));
        }

        foreach (var (name, value) in composed)
        {
            env.Add(value.SoleSecret is { } secret ? SecretReference(name, secret) : new V1EnvVar { Name = name, Value = value.Text });
        }

        return env.Count > 0 ? env : null;
    }

    private V1EnvVar SecretReference(string name, ManifestParameter parameter) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = options.SecretName, Key = parameter.Name } },
    };

    private IEnumerable<KeyValuePair<string, KubernetesValue>> Settings(ManifestWorkload workload)
    {
        foreach (var (name, expression) in workload.Env)
        {
            // ASPNETCORE_URLS below replaces the port variables: the pod always listens on 8080.
            if (workload is ManifestProject && name is "HTTP_PORTS" or "HTTPS_PORTS")
            {
                continue;
            }

            if (_resolver.Resolve(expression) is { } value)
            {
                yield return KeyValuePair.Create(name, value);
            }
        }

        foreach (var (name, value) in ClusterSettings(workload))
        {
            yield return KeyValuePair.Create(name, new KubernetesValue(value, []));
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ClusterSettings(ManifestWorkload workload) => workload switch
    {
        ManifestProject => [KeyValuePair.Create("ASPNETCORE_URLS", $"http://+:{KubernetesPublishingOptions.ProjectPort}")],

        // A fresh volume may hold lost+found; initdb needs an empty folder, so the cluster lives one level down.
        _ when PublishedResource.Kind(workload) == ServerKind.Postgres && PodVolumes.Data(workload) is { } data =>
            [KeyValuePair.Create("PGDATA", data.Target + "/pgdata")],
        _ => [],
    };
}
