using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using k8s.Models;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>
/// Volumes of a pod. The root filesystem is read-only, so every place a process writes gets a volume:
/// the data volume from the model, an emptyDir for /tmp, and Postgres's socket folder.
/// </summary>
internal static class PodVolumes
{
    public static VolumeAnnotation? Data(IResource resource) => resource.Annotations.OfType<VolumeAnnotation>().FirstOrDefault();

    public static string DataTarget(IResource resource) => Data(resource)?.Target
        ?? throw new InvalidOperationException($"'{resource.Name}' has no data volume.");

    /// <summary>Scratch folders (emptyDir) by volume name and mount path.</summary>
    public static IReadOnlyList<(string Name, string Path)> Scratch(IResource resource) => resource is PostgresServerResource
        ? [("tmp", "/tmp"), ("run", "/var/run/postgresql")]
        : [("tmp", "/tmp")];

    public static IEnumerable<V1VolumeMount> Mounts(IResource resource)
    {
        if (Data(resource) is { } data)
        {
            yield return new V1VolumeMount { Name = data.Name, MountPath = data.Target };
        }

        foreach (var (name, path) in Scratch(resource))
        {
            yield return new V1VolumeMount { Name = name, MountPath = path };
        }
    }

    public static List<V1Volume> EmptyDirs(IResource resource) =>
        [.. Scratch(resource).Select(s => new V1Volume { Name = s.Name, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } })];

    public static V1PersistentVolumeClaim ClaimTemplate(IResource resource) => new()
    {
        Metadata = new V1ObjectMeta { Name = Data(resource)!.Name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(ResourceLimits.Storage(resource)) },
            },
        },
    };
}
