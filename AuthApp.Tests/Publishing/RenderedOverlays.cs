namespace AuthApp.Tests.Publishing;

/// <summary>The committed overlays, rendered once for all policy tests.</summary>
public sealed class RenderedOverlays : IAsyncLifetime
{
    private readonly Dictionary<string, RenderedOverlay> _overlays = new(StringComparer.Ordinal);

    private static readonly string[] OverlayNames = ["minikube", "minikube-node-ports", "aks"];

    public static TheoryData<string> Names => [.. OverlayNames];

    internal RenderedOverlay this[string name] => _overlays[name];

    public async ValueTask InitializeAsync()
    {
        foreach (var name in OverlayNames)
        {
            _overlays[name] = await RenderedOverlay.RenderCommittedAsync($"overlays/{name}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
