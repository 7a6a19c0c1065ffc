namespace AuthApp.Hosting.Orchestration;

/// <summary>Repeats a health probe, backing off from 100 ms to 1 s, until it passes or the wait is cancelled.</summary>
internal sealed class HealthWaiter(TimeProvider timeProvider)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

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
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Not ready yet: connection refused, authentication still being set up, 503…
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
