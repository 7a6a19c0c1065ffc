using AuthApp.Aspirate.Cli;

namespace AuthApp.Aspirate;

/// <summary>
/// authapp-aspirate generate | apply | destroy: Aspirate's verbs over the manifest the AppHost publishes. A named
/// entry point, not top-level statements: the tests see this assembly's internals and the API's Program too.
/// </summary>
internal static class AspirateProgram
{
    public static Task<int> Main(string[] args) =>
        new AspirateCommandLine(Console.Out, Console.Error, Console.In, Directory.GetCurrentDirectory())
            .InvokeAsync(args, CancellationToken.None);
}
