using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Hosting.Publishing;

/// <summary>Registers the publishers when the AppHost was started to publish.</summary>
internal static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, string[] args) =>
        services.AddSingleton(new PublishingArguments(args)).AddHostedService<PublishingHostedService>();
}
