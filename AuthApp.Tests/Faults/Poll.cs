using System.Diagnostics;

namespace AuthApp.Tests.Faults;

/// <summary>Waits for a real condition, checked every 50 ms, instead of sleeping for a guessed time.</summary>
public static class Poll
{
    /// <summary>How long the condition took to hold; fails naming <paramref name="what"/> past the bound.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > bound) Assert.Fail($"Waited {bound.TotalSeconds:0.#} s for {what}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan bound, string what) =>
        UntilAsync(() => Task.FromResult(condition()), bound, what);
}
