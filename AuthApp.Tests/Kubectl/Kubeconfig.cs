using System.Text;

namespace AuthApp.Tests.Kubectl;

/// <summary>
/// A kubeconfig for the test API server whose user runs the built plugin (<c>dotnet AuthApp.Kubectl.dll …</c>) as
/// an exec credential plugin, as <c>kubectl config set-credentials --exec-…</c> writes it.
/// </summary>
internal static class Kubeconfig
{
    public static string Write(string folder, TestKubernetesApi api, string pluginDll, IEnumerable<string> pluginArgs)
    {
        var certificateAuthority = Convert.ToBase64String(Encoding.ASCII.GetBytes(api.Certificate.ExportCertificatePem()));
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine("- name: test")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {api.Address.ToString().TrimEnd('/')}")
            .AppendLine($"    certificate-authority-data: {certificateAuthority}")
            .AppendLine("users:")
            .AppendLine("- name: authapp")
            .AppendLine("  user:")
            .AppendLine("    exec:")
            .AppendLine("      apiVersion: client.authentication.k8s.io/v1")
            .AppendLine($"      command: {Quote(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")}")
            .AppendLine("      args:")
            .AppendLine($"      - {Quote(pluginDll)}");
        foreach (var arg in pluginArgs)
        {
            yaml.AppendLine($"      - {Quote(arg)}");
        }

        yaml.AppendLine("      interactiveMode: IfAvailable")
            .AppendLine("      provideClusterInfo: false")
            .AppendLine("contexts:")
            .AppendLine("- name: test")
            .AppendLine("  context:")
            .AppendLine("    cluster: test")
            .AppendLine("    user: authapp")
            .AppendLine("current-context: test");
        var path = Path.Combine(folder, "kubeconfig");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    // Double-quoted YAML scalars: paths and URLs hold ':' and '/'.
    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
