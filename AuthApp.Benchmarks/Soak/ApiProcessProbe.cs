using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AuthApp.Benchmarks.Soak;

/// <summary>
/// The API process as the operating system and the runtime see it: working set from <c>/proc</c>, GC heap from the
/// runtime's own <c>System.Runtime</c> counters over EventPipe (what dotnet-counters shows).
/// </summary>
internal sealed class ApiProcessProbe(int processId)
{
    public int ProcessId { get; } = processId;

    /// <summary>DCP starts a project through <c>dotnet run</c>: the API is the launcher's child process.</summary>
    public static ApiProcessProbe ForLauncher(int launcherId)
    {
        var children = File.ReadAllText($"/proc/{launcherId}/task/{launcherId}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ApiProcessProbe(children.Length == 1 ? int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture) : launcherId);
    }

    public long WorkingSetBytes()
    {
        var line = File.ReadLines($"/proc/{ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The GC heap size in bytes, from the first <c>gc-heap-size</c> counter the runtime publishes.</summary>
    public async Task<long> GcHeapBytesAsync()
    {
        var client = new DiagnosticsClient(ProcessId);
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        using var session = client.StartEventPipeSession([provider], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Dynamic.All += data =>
        {
            if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> counter || (string)counter["Name"] != "gc-heap-size") return;
            // gc-heap-size is published in megabytes.
            heap.TrySetResult((long)(Convert.ToDouble(counter["Mean"], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024));
        };
        var processing = Task.Run(source.Process);
        try
        {
            return await heap.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }
    }
}
