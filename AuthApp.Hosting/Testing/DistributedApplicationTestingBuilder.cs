using System.Reflection;
using AuthApp.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Hosting.Testing;

/// <summary>
/// Runs an AppHost's model for end-to-end tests, like Aspire's <c>DistributedApplicationTestingBuilder</c>:
/// the AppHost's own <c>Program</c> builds the model; the test gets a throwaway state directory, free ports and
/// real processes, and no console echo.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Creates a builder from the AppHost whose assembly holds <typeparamref name="TEntryPoint"/>.</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        CreateAsync<TEntryPoint>([], cancellationToken);

    /// <summary>
    /// Creates a builder with extra AppHost arguments, e.g. <c>--AppHost:StateDirectory=/tmp/x</c> to keep data between
    /// two applications (a given state directory is not deleted afterwards).
    /// </summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var assembly = typeof(TEntryPoint).Assembly;
        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point; pass a type of the AppHost project.");
        var givenState = args.Any(a => a.Contains("AppHost:StateDirectory", StringComparison.OrdinalIgnoreCase));
        var temporaryState = givenState ? null : Path.Combine(Path.GetTempPath(), $"authapp-test-{Guid.NewGuid():N}");
        string[] testArgs = [.. temporaryState is null ? [] : new[] { $"--AppHost:StateDirectory={temporaryState}" }, "--AppHost:EchoOutput=false", .. args];

        var hook = new TestingHook(assembly, testArgs);
        using (TestingHook.Activate(hook))
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            }
            catch (TargetInvocationException e) when (e.InnerException is TestingHook.BuilderCapturedException)
            {
                // Expected: the entry point stops at Build().
            }
        }

        var builder = hook.Captured
            ?? throw new InvalidOperationException($"{assembly.GetName().Name}'s entry point never called DistributedApplication.CreateBuilder(...).Build().");
        if (temporaryState is not null)
        {
            // A hosted service registered before the orchestrator is disposed after it, once every process stopped.
            builder.Services.AddHostedService(_ => new TemporaryStateDirectory(temporaryState));
        }

        return Task.FromResult<IDistributedApplicationTestingBuilder>(new TestingBuilder(builder));
    }

    private sealed class TestingBuilder(IDistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public IConfigurationManager Configuration => inner.Configuration;

        public IServiceCollection Services => inner.Services;

        public string AppHostDirectory => inner.AppHostDirectory;

        public DistributedApplicationOperation Operation => inner.Operation;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource)
            where T : IResource => inner.AddResource(resource);

        public DistributedApplication Build() => inner.Build();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(inner.Build());
    }

    /// <summary>Deleted when the application's services are disposed, after every resource stopped.</summary>
    private sealed class TemporaryStateDirectory(string path) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Never created: the application did not start.
            }
        }
    }
}

/// <summary>An app-model builder for tests; build it with <see cref="BuildAsync"/>, then start the application.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    /// <summary>Builds the application (not started yet).</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
