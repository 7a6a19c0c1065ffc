namespace AuthApp.Tests.Publishing;

public sealed class DeployCommandTests
{
    [Fact]
    public async Task ApplyWithoutACurrentContextFailsClearlyAndTouchesNothing()
    {
        using var temp = new TempFolder();
        var kubeconfig = Path.Combine(temp.Path, "empty-kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, string.Empty, TestContext.Current.CancellationToken);

        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "minikube"], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kubectl has no current context", result.Error, StringComparison.Ordinal);
        Assert.Contains("minikube start", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestroyWithoutKubectlOnPathSaysToInstallIt()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AspirateAsync(["destroy", "--overlay", "aks", "--non-interactive"], new Dictionary<string, string> { ["PATH"] = temp.Path });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kubectl was not found on PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlayThatDoesNotExistIsNamedInTheError()
    {
        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "gke"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Overlay 'gke' was not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyNeedsAnOverlay()
    {
        var result = await ProcessRunner.AspirateAsync(["apply"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--overlay", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAksOverlayNamesTheSettingsItStillNeedsBeforeContactingTheCluster()
    {
        using var temp = new TempFolder();
        var kubeconfig = await UnreachableClusterConfigAsync(temp);

        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "aks"], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ACR_NAME, AZURE_TENANT_ID, DNS_ZONE, KEYVAULT_NAME, TLS_CERT_KEYVAULT_URI, WORKLOAD_IDENTITY_CLIENT_ID", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMinikubeOverlayWithoutItsEnvFileSaysToCreateIt()
    {
        using var temp = new TempFolder();
        var output = temp.CopyFrom(RepositoryPaths.AspirateOutput, "aspirate-output");
        File.Delete(Path.Combine(output, "overlays", "minikube", ".env"));
        var kubeconfig = await UnreachableClusterConfigAsync(temp);

        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "minikube", "--input-path", output], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Copy .env.example to .env", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyReportsKubectlsFailureWhenTheClusterCannotBeReached()
    {
        using var temp = new TempFolder();
        var output = temp.CopyFrom(RepositoryPaths.AspirateOutput, "aspirate-output");
        await File.WriteAllTextAsync(Path.Combine(output, "overlays", "minikube", ".env"), "postgres-password=a\nredis-password=b\ntoken-hash-key=c\nadmin-password=d\n", TestContext.Current.CancellationToken);
        await MakeTlsAsync(output);
        var kubeconfig = await UnreachableClusterConfigAsync(temp);

        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "minikube", "--input-path", output], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("kubectl apply failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAksOverlayIsAppliedWithItsPlaceholdersFilledFromTheEnvironment()
    {
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = await UnreachableClusterConfigAsync(temp) };
        foreach (var name in new[] { "ACR_NAME", "AZURE_TENANT_ID", "DNS_ZONE", "KEYVAULT_NAME", "TLS_CERT_KEYVAULT_URI", "WORKLOAD_IDENTITY_CLIENT_ID" })
        {
            environment[name] = "value-of-" + name.ToLowerInvariant();
        }

        var result = await ProcessRunner.AspirateAsync(["apply", "--overlay", "aks"], environment);

        // Every setting was found, so the rendered objects went to kubectl, which could not reach the cluster.
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("needs these environment variables", result.Error, StringComparison.Ordinal);
        Assert.Contains("kubectl apply failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestroyAsksFirstAndDoesNothingWithoutAYes()
    {
        using var temp = new TempFolder();
        var output = temp.CopyFrom(RepositoryPaths.AspirateOutput, "aspirate-output");
        await File.WriteAllTextAsync(Path.Combine(output, "overlays", "minikube", ".env"), "postgres-password=a\n", TestContext.Current.CancellationToken);
        await MakeTlsAsync(output);
        var kubeconfig = await UnreachableClusterConfigAsync(temp);

        var result = await ProcessRunner.AspirateAsync(["destroy", "--overlay", "minikube", "--input-path", output], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Delete everything of overlay 'minikube' from context 'nowhere'?", result.Output, StringComparison.Ordinal);
        Assert.Contains("Cancelled; nothing was deleted.", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A kubeconfig whose current context points at a closed port on this machine.</summary>
    private static async Task<string> UnreachableClusterConfigAsync(TempFolder temp)
    {
        var path = Path.Combine(temp.Path, "kubeconfig");
        await File.WriteAllTextAsync(path, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: nowhere
              cluster:
                server: https://127.0.0.1:1
            users:
            - name: nobody
              user:
                token: not-a-real-token
            contexts:
            - name: nowhere
              context:
                cluster: nowhere
                user: nobody
            current-context: nowhere
            """, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>The issuer's TLS files, made the way a user makes them.</summary>
    private static async Task MakeTlsAsync(string output)
    {
        var tls = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "eng", "minikube-issuer-tls.sh"), Path.Combine(output, "overlays", "minikube", "tls")]);
        Assert.True(tls.ExitCode == 0, tls.Error);
    }
}
