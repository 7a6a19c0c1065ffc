using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using k8s.Models;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>Builds the container of a resource: image, environment, ports, probes, limits and hardening.</summary>
internal sealed class ContainerFactory(ModelTopology topology, KubernetesPublishingOptions options)
{
    public const string ConfigMapSuffix = "-env";

    public string Image(IResource resource) => resource switch
    {
        ContainerResource container => PublishedResource.Image(container),
        ProjectResource project => ProjectImageName(topology.ImageRepository(project)) + ":" + options.ContainerImageTag,
        _ => throw new InvalidOperationException($"'{resource.Name}' has no image."),
    };

    /// <summary>The project image's name without tag (what kustomize <c>images:</c> matches).</summary>
    public string ProjectImageName(string repository) =>
        options.ContainerRegistry is { Length: > 0 } registry ? $"{registry.TrimEnd('/')}/{repository}" : repository;

    /// <summary>Plain settings of a resource (its ConfigMap), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PlainSettings(IResource resource) =>
        [.. Settings(resource).Where(s => s.Value.Secrets.Count == 0).Select(s => KeyValuePair.Create(s.Key, s.Value.Text))];

    public V1Container Create(IResource resource, bool isInitStep = false)
    {
        var container = new V1Container
        {
            Name = resource.Name,
            Image = Image(resource),
            ImagePullPolicy = resource is ProjectResource ? options.ImagePullPolicy : "IfNotPresent",
            Command = PublishedResource.Entrypoint(resource) is { } entrypoint ? [entrypoint] : null,
            Args = PublishedResource.Args(resource) is { Count: > 0 } args ? [.. args] : null,
            EnvFrom = PlainSettings(resource).Count > 0
                ? [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = resource.Name + ConfigMapSuffix } }]
                : null,
            Env = SecretEnvironment(resource),
            Ports = isInitStep ? null : [.. PublishedResource.Endpoints(resource).Select(e => new V1ContainerPort
            {
                Name = e.Name,
                ContainerPort = KubernetesValueResolver.Port(resource, e),
                Protocol = "TCP",
            })],
            Resources = ResourceLimits.For(resource),
            SecurityContext = Hardening.Container(),
            VolumeMounts = [.. PodVolumes.Mounts(resource)],
        };
        if (!isInitStep)
        {
            Probes.Apply(resource, container);
        }

        return container;
    }

    private List<V1EnvVar>? SecretEnvironment(IResource resource)
    {
        var composed = Settings(resource).Where(s => s.Value.Secrets.Count > 0).ToList();
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

    private V1EnvVar SecretReference(string name, ParameterResource parameter) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = options.SecretName, Key = parameter.Name } },
    };

    private static IEnumerable<KeyValuePair<string, KubernetesValue>> Settings(IResource resource)
    {
        foreach (var (name, value) in PublishedResource.Environment(resource))
        {
            // ASPNETCORE_URLS below replaces the port variables: the pod always listens on 8080.
            if (resource is ProjectResource && name is "HTTP_PORTS" or "HTTPS_PORTS")
            {
                continue;
            }

            yield return KeyValuePair.Create(name, KubernetesValueResolver.Resolve(value));
        }

        foreach (var (name, value) in ClusterSettings(resource))
        {
            yield return KeyValuePair.Create(name, new KubernetesValue(value, []));
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ClusterSettings(IResource resource) => resource switch
    {
        ProjectResource => [KeyValuePair.Create("ASPNETCORE_URLS", $"http://+:{KubernetesPublishingOptions.ProjectPort}")],

        // A fresh volume may hold lost+found; initdb needs an empty folder, so the cluster lives one level down.
        PostgresServerResource => [KeyValuePair.Create("PGDATA", PodVolumes.DataTarget(resource) + "/pgdata")],
        _ => [],
    };
}
