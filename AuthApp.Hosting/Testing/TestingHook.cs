using System.Reflection;

namespace AuthApp.Hosting.Testing;

/// <summary>
/// Set (per async flow) while the testing builder runs an AppHost's entry point: it adds the test's options to
/// <see cref="DistributedApplication.CreateBuilder(string[])"/> and stops the entry point at <c>Build()</c>,
/// capturing the builder so the test can build and start the application itself.
/// </summary>
internal sealed class TestingHook(Assembly appHostAssembly, string[] extraArgs)
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();

    public static TestingHook? Current => CurrentHook.Value;

    public IDistributedApplicationBuilder? Captured { get; private set; }

    public static IDisposable Activate(TestingHook hook)
    {
        CurrentHook.Value = hook;
        return new Deactivation();
    }

    public DistributedApplicationOptions Apply(DistributedApplicationOptions options) => new()
    {
        Args = [.. options.Args, .. extraArgs],
        AppHostDirectory = options.AppHostDirectory,
        AppHostAssembly = appHostAssembly,
    };

    /// <summary>Captures the builder the first time; later calls (the test's own build) go through.</summary>
    public void Capture(IDistributedApplicationBuilder builder)
    {
        if (Captured is not null)
        {
            return;
        }

        Captured = builder;
        throw new BuilderCapturedException();
    }

    /// <summary>Unwinds the AppHost's entry point once its builder is captured.</summary>
    internal sealed class BuilderCapturedException : Exception
    {
        public BuilderCapturedException()
            : base("The testing builder captured the AppHost's builder.")
        {
        }
    }

    private sealed class Deactivation : IDisposable
    {
        public void Dispose() => CurrentHook.Value = null;
    }
}
