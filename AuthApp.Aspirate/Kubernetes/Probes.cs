using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// Probes: projects use the service defaults' <c>/health</c> (readiness) and <c>/alive</c> (liveness) on their http
/// endpoint; Postgres and Redis are asked with their own clients, as Aspire's built-in checks do.
/// </summary>
internal static class Probes
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    public static void Apply(ManifestWorkload workload, V1Container container)
    {
        switch (workload)
        {
            case ManifestProject:
                // The manifest does not carry WithHttpHealthCheck; every AuthApp project maps the service defaults' paths.
                container.StartupProbe = Http(AlivePath, period: 5, failures: 30);
                container.ReadinessProbe = Http(HealthPath, period: 10, failures: 3);
                container.LivenessProbe = Http(AlivePath, period: 20, failures: 3);
                break;
            case var _ when PublishedResource.Kind(workload) == ServerKind.Postgres:
                var user = PublishedResource.LiteralEnv(workload, "POSTGRES_USER") ?? "postgres";
                SetAll(container, Exec("pg_isready", "--username", user, "--host", "127.0.0.1"));
                break;
            case var _ when PublishedResource.Kind(workload) == ServerKind.Redis:
                // REDISCLI_AUTH keeps the password off redis-cli's command line.
                SetAll(container, Exec("/bin/sh", "-c", "REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"));
                break;
            default:
                var endpoints = PublishedResource.Endpoints(workload);
                var endpoint = endpoints.Count > 0 ? endpoints[0] : throw new ManifestException($"'{workload.Name}' has no endpoint to probe.");
                SetAll(container, () => new V1Probe { TcpSocket = new V1TCPSocketAction { Port = endpoint.Name } });
                break;
        }
    }

    private static void SetAll(V1Container container, Func<V1Probe> probe)
    {
        container.StartupProbe = With(probe(), period: 5, failures: 30);
        container.ReadinessProbe = With(probe(), period: 10, failures: 3);
        container.LivenessProbe = With(probe(), period: 20, failures: 3);
    }

    private static Func<V1Probe> Exec(params string[] command) => () => new V1Probe { Exec = new V1ExecAction { Command = command } };

    private static V1Probe Http(string path, int period, int failures) =>
        With(new V1Probe { HttpGet = new V1HTTPGetAction { Path = path, Port = "http" } }, period, failures);

    private static V1Probe With(V1Probe probe, int period, int failures)
    {
        probe.PeriodSeconds = period;
        probe.FailureThreshold = failures;
        probe.TimeoutSeconds = 5;
        return probe;
    }
}
