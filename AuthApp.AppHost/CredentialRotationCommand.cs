using AuthApp.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.AppHost;

/// <summary>
/// "Rotate credentials" on the API's dashboard row (decision 0095). The button starts <c>rotation</c>: the API's own
/// <c>rotate-credentials</c> command (the one CI and scripts run), with the API's references and secret folder, so the
/// dashboard and the command line share one implementation. When it has finished, the new PostgreSQL and Redis
/// passwords become the stored parameters too, so the next run starts the servers with them.
/// </summary>
internal static class CredentialRotationCommand
{
    public const string Name = "rotate-credentials";

    /// <summary>The folder the services read secrets from (<c>Secrets:Directory</c>): <c>secrets/</c> in the state directory.</summary>
    public static string SecretFolder(IDistributedApplicationBuilder builder) => LocalServerSettings.Of(builder).State.ForResource("secrets");

    public static IResourceBuilder<ProjectResource> WithSecretFolder(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode) return project;
        return project.WithEnvironment("Secrets__Directory", SecretFolder(project.ApplicationBuilder));
    }

    /// <summary>Adds the rotation resource (started only on demand) and the button on <paramref name="api"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithRotateCredentialsCommand(
        this IResourceBuilder<ProjectResource> api,
        IResourceBuilder<IResourceWithConnectionString> authdb,
        IResourceBuilder<IResourceWithConnectionString> redis,
        IResourceBuilder<ParameterResource> tokenHashKey)
    {
        var builder = api.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode) return api;
        var rotation = builder.AddProject<Projects.AuthApp_Api>("rotation", options => options.ExcludeLaunchProfile = true)
            .WithArgs(Name, "--actor", "dashboard")
            .WithReference(authdb)
            .WithReference(redis)
            .WithEnvironment("Auth__TokenHashKey", tokenHashKey)
            .WithSecretFolder()
            .WithParentRelationship(api)
            .WithExplicitStart();

        return api.WithCommand(Name, "Rotate credentials", async context =>
        {
            var commands = context.Services.GetRequiredService<ResourceCommandService>();
            var started = await commands.ExecuteCommandAsync(rotation.Resource, KnownResourceCommands.StartCommand, context.CancellationToken);
            if (!started.Success) return started;
            var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
            var finished = await notifications.WaitForResourceAsync(rotation.Resource.Name,
                update => update.Snapshot.State?.Text is { } state && (state == KnownResourceStates.Finished || state == KnownResourceStates.Exited || state == KnownResourceStates.FailedToStart),
                context.CancellationToken);
            if (finished.Snapshot.ExitCode != 0)
            {
                return CommandResults.Failure("The rotation failed: see the console log of the 'rotation' resource.");
            }

            StoreRotatedPasswords(builder);
            return CommandResults.Success();
        },
        new CommandOptions
        {
            Description = "New PostgreSQL and Redis passwords, a new token-hash key and a new OpenID Connect signing key, switched over with no failed request.",
            ConfirmationMessage = "Rotate the PostgreSQL password, the Redis password, the token-hash key and the OpenID Connect signing key now?",
            IconName = "KeyReset",
        });
    }

    /// <summary>The stored parameters follow the servers: user secrets for the next run, configuration for this one.</summary>
    private static void StoreRotatedPasswords(IDistributedApplicationBuilder builder)
    {
        var folder = SecretFolder(builder);
        foreach (var (file, parameter) in new[] { ("Storage__PostgresPassword", "postgres-password"), ("Storage__RedisPassword", "redis-password") })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) continue;
            var value = File.ReadAllText(path).Trim();
            // Only where the value lives already: a run given its passwords on the command line (tests) keeps them there.
            if (SecretSources.SourceOf(builder.Configuration, parameter).StartsWith(SecretSources.UserSecrets, StringComparison.Ordinal))
            {
#pragma warning disable ASPIREUSERSECRETS001 // Aspire's own store of generated parameters; no stable API writes it yet.
                builder.UserSecretsManager.TrySetSecret($"Parameters:{parameter}", value);
#pragma warning restore ASPIREUSERSECRETS001
            }

            builder.Configuration[$"Parameters:{parameter}"] = value;
        }
    }
}
