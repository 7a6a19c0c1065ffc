using AuthApp.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>
/// An AppHost run in Production (issue 15, item 6): the API serves no reference page there, so neither the dashboard nor
/// the summary (which asks the same <c>ApiReferenceUrl.IsServed</c>) may link to one.
/// </summary>
public sealed class ProductionModelTests : IDisposable
{
    private readonly string _state = ThrowawayAppHost.NewStateDirectory("authapp-production-");

    [Fact]
    public async Task AProductionRunLinksNoApiReference()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            ThrowawayAppHost.Arguments(_state),
            (_, settings) => settings.EnvironmentName = "Production",
            TestContext.Current.CancellationToken);

        Assert.Empty(builder.Resources.Single(r => r.Name == "api").Annotations.OfType<ResourceUrlsCallbackAnnotation>());
    }

    [Fact]
    public async Task ADevelopmentRunLinksTheApiReference()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            ThrowawayAppHost.Arguments(_state),
            (_, settings) => settings.EnvironmentName = "Development",
            TestContext.Current.CancellationToken);

        // The same check can fail: in Development the link is there.
        Assert.NotEmpty(builder.Resources.Single(r => r.Name == "api").Annotations.OfType<ResourceUrlsCallbackAnnotation>());
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
