namespace AuthApp.Hosting.Orchestration;

/// <summary>A line of the summary the AppHost prints once every resource is up.</summary>
/// <param name="Order">Position: lower first. The orchestrator uses 10 (URLs), 50 (parameters), 90 (state directory).</param>
/// <param name="Label">Short label, e.g. <c>dashboard</c>.</param>
/// <param name="Text">The value, e.g. a URL.</param>
public sealed record SummaryLine(int Order, string Label, string Text);

/// <summary>
/// Contributes lines to the startup summary. Register implementations in DI
/// (<c>builder.Services.AddSingleton&lt;ISummaryLineProvider, MyLines&gt;()</c>); each is asked once, when every resource is up.
/// </summary>
public interface ISummaryLineProvider
{
    /// <summary>The lines to print.</summary>
    IEnumerable<SummaryLine> GetSummaryLines();
}
