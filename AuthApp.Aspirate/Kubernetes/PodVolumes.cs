using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// Volumes of a pod. The root filesystem is read-only, so every place a process writes gets a volume:
/// the data volume from the manifest, an emptyDir for /tmp, and Postgres's socket folder.
/// </summary>
internal static class PodVolumes
{
    public static ManifestVolume? Data(ManifestWorkload workload) => workload is ManifestContainer { Volumes: [var first, ..] } ? first : null;

    /// <summary>Scratch folders (emptyDir) by volume name and mount path.</summary>
    public static IReadOnlyList<(string Name, string Path)> Scratch(ManifestWorkload workload) => PublishedResource.Kind(workload) == ServerKind.Postgres
        ? [("tmp", "/tmp"), ("run", "/var/run/postgresql")]
        : [("tmp", "/tmp")];

    public static IEnumerable<V1VolumeMount> Mounts(ManifestWorkload workload)
    {
        if (Data(workload) is { } data)
        {
            yield return new V1VolumeMount { Name = data.Name, MountPath = data.Target, ReadOnlyProperty = data.ReadOnly ? true : null };
        }

        foreach (var (name, path) in Scratch(workload))
        {
            yield return new V1VolumeMount { Name = name, MountPath = path };
        }
    }

    public static List<V1Volume> EmptyDirs(ManifestWorkload workload) =>
        [.. Scratch(workload).Select(s => new V1Volume { Name = s.Name, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } })];

    public static V1PersistentVolumeClaim ClaimTemplate(ManifestWorkload workload) => new()
    {
        Metadata = new V1ObjectMeta { Name = Data(workload)!.Name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(ResourceLimits.Storage(workload)) },
            },
        },
    };
}
