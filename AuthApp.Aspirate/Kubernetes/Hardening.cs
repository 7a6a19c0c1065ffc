using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>The security contexts every pod and container gets (Pod Security Standard "restricted").</summary>
internal static class Hardening
{
    /// <summary>The <c>app</c> user of the .NET chiseled images.</summary>
    public const long DotNetAppUser = 1654;

    /// <summary>The <c>postgres</c> and <c>redis</c> users of the official images.</summary>
    public const long DatabaseUser = 999;

    public static V1PodSecurityContext Pod(ManifestWorkload workload, bool hasData)
    {
        var user = workload is ManifestProject ? DotNetAppUser : DatabaseUser;
        return new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = user,
            RunAsGroup = user,
            FsGroup = hasData ? user : null,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        };
    }

    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
