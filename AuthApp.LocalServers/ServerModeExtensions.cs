using System.Runtime.CompilerServices;

namespace AuthApp.LocalServers;

/// <summary>Chooses between the stock Aspire containers and the installed servers as executables.</summary>
public static class ServerModeExtensions
{
    /// <summary>
    /// True when PostgreSQL and Redis should be the stock container resources: always when publishing (the manifest
    /// is what Aspire users expect), when <c>AppHost:Servers=containers</c>, and in <c>auto</c> mode when the
    /// container runtime answers.
    /// </summary>
    public static bool UsesContainers(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode) return true;
        return LocalServerSettings.Of(builder).Mode switch
        {
            ServerMode.Containers => true,
            ServerMode.Executables => false,
            // Asked once per builder: Program.cs and the startup summary both need the answer.
            _ => RuntimeAnswers.GetValue(builder, b => new StrongBox<bool>(ContainerRuntimeAnswers(b))).Value,
        };
    }

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, StrongBox<bool>> RuntimeAnswers = new();

    private static bool ContainerRuntimeAnswers(IDistributedApplicationBuilder builder)
    {
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } configured ? configured : "docker";
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var (exitCode, _) = ShellCommand.RunAsync(runtime, ["info", "--format", "{{.ServerVersion}}"], timeout.Token).GetAwaiter().GetResult();
            return exitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            // No client installed, or a daemon that does not answer: either way no containers can run.
            return false;
        }
    }
}
