using Microsoft.Extensions.Hosting;

namespace AuthApp.Hosting.Publishing;

/// <summary>
/// Runs the publishing command line when the AppHost was started to publish, then stops the host.
/// The command's result becomes the process exit code.
/// </summary>
internal sealed class PublishingHostedService(
    PublishingArguments arguments, DistributedApplicationModel model, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        int exitCode;
        try
        {
            exitCode = await new PublishingCommandLine(model, Console.Out, Console.Error, Console.In).InvokeAsync(arguments.Args, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A CLI reports the failure plainly; the message never holds secret values (the model has none at publish time).
            await Console.Error.WriteLineAsync($"error: publishing failed: {exception.Message}");
            exitCode = 1;
        }

        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }
}

/// <summary>The AppHost's command-line arguments, as given to the builder.</summary>
/// <param name="Args">The arguments.</param>
internal sealed record PublishingArguments(string[] Args);
