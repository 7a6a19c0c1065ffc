using AuthApp.Kubectl.Cli;

namespace AuthApp.Kubectl;

/// <summary>
/// authapp-kubectl: the kubectl exec credential plugin. kubectl runs it, reads the ExecCredential it prints on
/// standard output and sends the id_token as the bearer token; prompts and errors go to standard error, which
/// kubectl shows to the user.
/// </summary>
internal static class KubectlProgram
{
    public static Task<int> Main(string[] args) =>
        new PluginCommandLine(Console.Out, Console.Error, Environment.GetEnvironmentVariable)
            .InvokeAsync(args, CancellationToken.None);
}
