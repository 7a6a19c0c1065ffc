using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthApp.Hosting.Publishing;

/// <summary>Registers the publishers when the AppHost was started to publish.</summary>
internal static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, string[] args) =>
        services
            .AddSingleton(new PublishingArguments(args))
            .AddHostedService<PublishingHostedService>()

            // A publishing run is a command-line tool: the host's "Application started" lines are noise there.
            .AddLogging(logging => logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning));
}
