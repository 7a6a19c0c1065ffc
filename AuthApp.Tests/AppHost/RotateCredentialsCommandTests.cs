using AuthApp.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>
/// The dashboard's "Rotate credentials" button as the app model declares it (decision 0095). Pressing it runs the
/// <c>rotation</c> resource, the API's <c>rotate-credentials</c> command, whose effect <c>Rotation/</c> tests under load.
/// </summary>
public sealed class RotateCredentialsCommandTests : IDisposable
{
    private readonly string _state = ThrowawayAppHost.NewStateDirectory("authapp-rotate-");

    [Fact]
    public async Task ApiOffersRotateCredentialsWhichStartsTheRotationResourceOnlyOnDemand()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AuthApp_AppHost>(
            ThrowawayAppHost.Arguments(_state), TestContext.Current.CancellationToken);

        var api = builder.Resources.Single(r => r.Name == "api");
        var command = Assert.Single(api.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == "rotate-credentials");
        Assert.Equal("Rotate credentials", command.DisplayName);
        Assert.False(string.IsNullOrEmpty(command.ConfirmationMessage)); // a rotation is not started by a stray click

        var rotation = builder.Resources.Single(r => r.Name == "rotation");
        Assert.Contains(rotation.Annotations, a => a is ExplicitStartupAnnotation);
        Assert.Contains(rotation.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource == api);
        var arguments = await ArgumentsOf(rotation);
        Assert.Equal(["rotate-credentials", "--actor", "dashboard"], arguments);
    }

    private static async Task<List<object>> ArgumentsOf(IResource resource)
    {
        var arguments = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(arguments, resource, TestContext.Current.CancellationToken));
        }

        return arguments;
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
