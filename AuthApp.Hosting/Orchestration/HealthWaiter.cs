namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Repeats a health probe, backing off from 100 ms to 1 s, until it passes or the wait is cancelled; then keeps
/// checking every few seconds so a resource that stops answering turns Unhealthy (and back).
/// </summary>
internal sealed class HealthWaiter(TimeProvider timeProvider)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(5);

    /// <summary>After the resource became healthy: probes every <see cref="MonitorInterval"/> and reports each result.</summary>
    public async Task MonitorAsync(Func<CancellationToken, Task<bool>> probe, Action<bool> report, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(MonitorInterval, timeProvider, cancellationToken);
            bool healthy;
            try
            {
                healthy = await probe(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                healthy = false;
            }

            report(healthy);
        }
    }

    public async Task WaitAsync(Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await probe(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not DistributedApplicationException && !cancellationToken.IsCancellationRequested)
            {
                // Not ready yet: connection refused, server still starting, 503…
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
