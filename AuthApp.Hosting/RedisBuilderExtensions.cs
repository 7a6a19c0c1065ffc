using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting;

/// <summary><c>AddRedis</c>, as in Aspire.Hosting.Redis.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>Adds a Redis server with a generated password (letters and digits only).</summary>
    public static IResourceBuilder<RedisResource> AddRedis(
        this IDistributedApplicationBuilder builder, string name, int? port = null, IResourceBuilder<ParameterResource>? password = null)
    {
        var passwordParameter = password?.Resource
            ?? builder.AddGeneratedParameter($"{name}-password", new GenerateParameterDefault { MinLength = 22, Special = false });
        return builder.AddResource(new RedisResource(name, passwordParameter))
            .WithAnnotation(new EndpointAnnotation(RedisResource.PrimaryEndpointName, "tcp", targetPort: 6379, port: port))
            .WithAnnotation(new ContainerImageAnnotation("library/redis", "8.2"));
    }

    /// <summary>Keeps Redis data across runs (append-only file locally, a volume when deployed).</summary>
    public static IResourceBuilder<RedisResource> WithDataVolume(this IResourceBuilder<RedisResource> builder, string? name = null) =>
        builder.WithAnnotation(new VolumeAnnotation(name ?? $"{builder.Resource.Name}-data", "/data"));
}
