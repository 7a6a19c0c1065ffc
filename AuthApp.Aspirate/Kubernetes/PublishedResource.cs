using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Publishing;

/// <summary>
/// What a resource looks like when deployed: image, entrypoint, arguments and environment in publish mode.
/// The manifest and the Kustomize generator both read it, so they cannot drift apart.
/// </summary>
internal static class PublishedResource
{
    /// <summary>The container image a container resource runs.</summary>
    public static string Image(ContainerResource container) =>
        container.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()?.FullName
        ?? throw new InvalidOperationException($"Container resource '{container.Name}' has no image.");

    /// <summary>The entrypoint override, if any (Redis runs through a shell to read its password).</summary>
    public static string? Entrypoint(IResource resource) =>
        resource.Annotations.OfType<ContainerEntrypointAnnotation>().LastOrDefault()?.Entrypoint
        ?? (resource is RedisResource ? "/bin/sh" : null);

    /// <summary>The arguments, in order.</summary>
    public static IReadOnlyList<string> Args(IResource resource)
    {
        var args = resource.Annotations.OfType<CommandLineArgsAnnotation>().SelectMany(a => a.Args).ToList();
        if (resource is RedisResource && args.Count == 0)
        {
            // Aspire's Redis: the password comes from the environment; a data volume turns on snapshots.
            var save = resource.Annotations.OfType<VolumeAnnotation>().Any() ? " --save 60 1" : string.Empty;
            args = ["-c", $"redis-server --requirepass $REDIS_PASSWORD{save}"];
        }

        return args;
    }

    /// <summary>
    /// The environment in publish mode, in Aspire's order: built-in variables of the resource kind,
    /// then the callbacks in the order they were added. Values are strings or manifest expressions.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Environment(IResource resource)
    {
        var env = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        switch (resource)
        {
            case PostgresServerResource postgres:
                env["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256";
                env["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256";
                env["POSTGRES_USER"] = postgres.UserName;
                env["POSTGRES_PASSWORD"] = postgres.PasswordParameter;
                break;
            case RedisResource redis:
                env["REDIS_PASSWORD"] = redis.PasswordParameter;
                break;
            case ProjectResource project:
                env["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true";
                env["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true";
                env["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
                env["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
                AddPortVariables(project, env);
                break;
        }

        var context = new EnvironmentCallbackContext(DistributedApplicationOperation.Publish, env);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        return [.. env];
    }

    /// <summary>The endpoints of a resource, in the order they were added.</summary>
    public static IReadOnlyList<EndpointAnnotation> Endpoints(IResource resource) =>
        [.. resource.Annotations.OfType<EndpointAnnotation>()];

    private static void AddPortVariables(ProjectResource project, OrderedDictionary<string, object> env)
    {
        foreach (var (variable, scheme) in new[] { ("HTTP_PORTS", "http"), ("HTTPS_PORTS", "https") })
        {
            var endpoint = project.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.UriScheme == scheme);
            if (endpoint is not null)
            {
                env[variable] = project.GetEndpoint(endpoint.Name).Property(EndpointProperty.TargetPort);
            }
        }
    }
}
