using AuthApp.Dashboard.Telemetry;
using Microsoft.AspNetCore.Components;

namespace AuthApp.Dashboard.Components.Shared;

/// <summary>
/// A page that re-reads the telemetry store when it changes, at most twice a second: exporters send in
/// bursts, and re-rendering per batch would flood the circuit.
/// </summary>
public abstract class LiveTelemetryComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _changed;

    [Inject]
    internal TelemetryStore Store { get; set; } = default!;

    /// <summary>Reads the page's data from the store.</summary>
    protected abstract void Refresh();

    protected override void OnInitialized()
    {
        Store.Changed += OnChanged;
        _ = RefreshWhileOpenAsync();
    }

    protected override void OnParametersSet() => Refresh();

    public void Dispose()
    {
        Store.Changed -= OnChanged;
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnChanged(TelemetryKind kind) => _changed = true;

    private async Task RefreshWhileOpenAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                if (_changed)
                {
                    _changed = false;
                    await InvokeAsync(() =>
                    {
                        Refresh();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
