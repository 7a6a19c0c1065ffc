using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>base/&lt;database&gt;-backup/</c>: a nightly CronJob that dumps the accounts database (pg_dump, custom format, the
/// same flags as <c>eng/authdb-backup.sh</c>) onto a volume claim of its own, keeping the last seven dumps. It runs the
/// PostgreSQL server's own image, so pg_dump is never older than the server, hardened like every other pod.
/// </summary>
internal sealed class BackupCronJob(ModelTopology topology, ContainerFactory containers)
{
    /// <summary>03:00 UTC, when an account service is quietest.</summary>
    public const string Schedule = "0 3 * * *";

    public const int KeptDumps = 7;

    private const string BackupPath = "/backup";

    /// <summary>The folder name, or null when the model has no PostgreSQL database.</summary>
    public string? Name => Target() is { } target ? $"{target.Database}-backup" : null;

    /// <summary>The pod labels, which the server's NetworkPolicy admits.</summary>
    public static Dictionary<string, string> Labels(string name) => new(StringComparer.Ordinal) { [WorkloadFactory.AppLabel] = name };

    public void Generate(GeneratedFiles files)
    {
        if (Target() is not var (server, database) || Name is not { } name) return;
        files.AddYaml($"base/{name}/persistent-volume-claim.yaml", Claim(name, ResourceLimits.Storage(server)));
        files.AddYaml($"base/{name}/cronjob.yaml", CronJob(name, server, database));
        files.AddYaml($"base/{name}/kustomization.yaml", new Kustomization { Resources = ["persistent-volume-claim.yaml", "cronjob.yaml"] });
    }

    /// <summary>The PostgreSQL server and the database name of the first database the model declares on it.</summary>
    public (ManifestContainer Server, string Database)? Target()
    {
        foreach (var server in topology.Workloads.OfType<ManifestContainer>().Where(w => PublishedResource.Kind(w) == ServerKind.Postgres))
        {
            var reference = $"{{{server.Name}.connectionString}};Database=";
            var database = topology.Manifest.OfType<ManifestValue>()
                .Select(v => v.ConnectionString)
                .FirstOrDefault(c => c?.StartsWith(reference, StringComparison.Ordinal) == true);
            if (database is not null) return (server, database[reference.Length..].Split(';')[0]);
        }

        return null;
    }

    private static V1PersistentVolumeClaim Claim(string name, string size) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta { Name = name, Labels = Labels(name) },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };

    private V1CronJob CronJob(string name, ManifestContainer server, string database)
    {
        var password = containers.Create(server).Env.Single(e => e.Name == "POSTGRES_PASSWORD");
        // Written under a temporary name and renamed: a dump cut off half-way never looks like a good one.
        var script = $"""
            set -eu
            file={BackupPath}/{database}-$(date -u +%Y%m%dT%H%M%SZ).dump
            pg_dump --format=custom --no-owner --no-privileges --file="$file.partial"
            mv "$file.partial" "$file"
            ls -1t {BackupPath}/{database}-*.dump | tail -n +{KeptDumps + 1} | xargs -r rm --
            """;
        var container = new V1Container
        {
            Name = "pg-dump",
            Image = containers.Image(server),
            ImagePullPolicy = "IfNotPresent",
            Command = ["sh", "-c", script.ReplaceLineEndings("\n")],
            Env =
            [
                new V1EnvVar { Name = "PGHOST", Value = server.Name },
                new V1EnvVar { Name = "PGPORT", Value = $"{KubernetesValueResolver.Port(server, PublishedResource.Endpoints(server)[0])}" },
                new V1EnvVar { Name = "PGUSER", Value = PublishedResource.LiteralEnv(server, "POSTGRES_USER") ?? "postgres" },
                new V1EnvVar { Name = "PGDATABASE", Value = database },
                new V1EnvVar { Name = "PGPASSWORD", ValueFrom = password.ValueFrom },
            ],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("256Mi") },
            },
            SecurityContext = Hardening.Container(),
            VolumeMounts = [new V1VolumeMount { Name = "backup", MountPath = BackupPath }, new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };
        return new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = name, Labels = Labels(name) },
            Spec = new V1CronJobSpec
            {
                Schedule = Schedule,
                TimeZone = "Etc/UTC",
                // A dump still running the next night is a problem to see, not a second dump to start.
                ConcurrencyPolicy = "Forbid",
                SuccessfulJobsHistoryLimit = 3,
                FailedJobsHistoryLimit = 3,
                JobTemplate = new V1JobTemplateSpec
                {
                    Spec = new V1JobSpec
                    {
                        BackoffLimit = 2,
                        ActiveDeadlineSeconds = 3600,
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = Labels(name) },
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = "OnFailure",
                                AutomountServiceAccountToken = false,
                                EnableServiceLinks = false,
                                // The server's user, with fsGroup so it can write to its claim.
                                SecurityContext = Hardening.Pod(server, hasData: true),
                                Containers = [container],
                                Volumes =
                                [
                                    new V1Volume { Name = "backup", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = name } },
                                    new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
                                ],
                            },
                        },
                    },
                },
            },
        };
    }
}
