using AuthApp.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>
/// An AppHost run in Production (issue 15, item 6): the API serves no reference page there, so neither the dashboard nor
/// the summary (which asks the same <c>ApiReferenceUrl.IsServed</c>) may link to one.
/// </summary>
public sealed class ProductionModelTests : IDisposable
{
    private readonly string _state = ThrowawayAppHost.NewStateDirectory("authapp-production-");

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)] // the same check can fail: there the link is
    public async Task TheApiReferenceIsLinkedOnlyWhereItIsServed(string environment, bool linked)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            ThrowawayAppHost.Arguments(_state),
            (_, settings) => settings.EnvironmentName = environment,
            TestContext.Current.CancellationToken);

        var links = builder.Resources.Single(r => r.Name == "api").Annotations.OfType<ResourceUrlsCallbackAnnotation>();
        Assert.Equal(linked, links.Any());
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
