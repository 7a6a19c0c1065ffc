using k8s.Models;

namespace AuthApp.Tests.Publishing;

/// <summary>The nightly dump of the accounts database in every overlay (its hardening is checked with every workload's).</summary>
public sealed class BackupCronJobTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Names), MemberType = typeof(RenderedOverlays))]
    public void ANightlyCronJobDumpsTheAccountsDatabaseOntoItsOwnClaim(string overlay)
    {
        var rendered = overlays[overlay];
        var job = Assert.Single(rendered.OfType<V1CronJob>());
        Assert.Equal("authdb-backup", job.Metadata.Name);
        Assert.Equal("0 3 * * *", job.Spec.Schedule);
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
        var pod = job.Spec.JobTemplate.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Contains("pg_dump --format=custom", container.Command[^1], StringComparison.Ordinal);
        var env = container.Env.ToDictionary(e => e.Name);
        Assert.Equal("authdb", env["PGDATABASE"].Value);
        Assert.Equal("postgres", env["PGHOST"].Value);
        Assert.Equal("postgres-password", env["PGPASSWORD"].ValueFrom.SecretKeyRef.Key);

        // pg_dump from the server's own image is never older than the server.
        var server = Assert.Single(rendered.OfType<V1StatefulSet>(), s => s.Metadata.Name == "postgres");
        Assert.Equal(server.Spec.Template.Spec.Containers[0].Image, container.Image);

        // Its own claim, mounted where the dumps go; not the server's data volume.
        var claim = Assert.Single(rendered.OfType<V1PersistentVolumeClaim>());
        var volume = Assert.Single(pod.Volumes, v => v.PersistentVolumeClaim is not null);
        Assert.Equal(claim.Metadata.Name, volume.PersistentVolumeClaim.ClaimName);
        Assert.Contains(container.VolumeMounts, m => m.Name == volume.Name && m.MountPath == "/backup");
        Assert.NotEqual(server.Spec.VolumeClaimTemplates[0].Metadata.Name, claim.Metadata.Name);

        // The default-deny namespace lets the backup pods, and only the referrers besides, reach PostgreSQL.
        var policy = Assert.Single(rendered.OfType<V1NetworkPolicy>(), p => p.Metadata.Name == "postgres");
        Assert.Contains(policy.Spec.Ingress[0].FromProperty, p => p.PodSelector.MatchLabels["app"] == "authdb-backup");
    }
}
