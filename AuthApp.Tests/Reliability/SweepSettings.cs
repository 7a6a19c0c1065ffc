using System.Globalization;

namespace AuthApp.Tests.Reliability;

/// <summary>
/// The sweep's seed and size. CI runs the fixed seed; <c>AUTHAPP_SWEEP_SEED</c> replays another run (the seed is
/// printed by every run and in every failure) and <c>AUTHAPP_SWEEP_CASES</c> makes each endpoint's share larger.
/// </summary>
public static class SweepSettings
{
    public const int FixedSeed = 20261128;
    public const int DefaultCasesPerEndpoint = 120;

    /// <summary>No request of the sweep may take longer: a slower answer counts as a hang.</summary>
    public static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(10);

    public static int Seed => Read("AUTHAPP_SWEEP_SEED") ?? FixedSeed;

    public static int CasesPerEndpoint => Read("AUTHAPP_SWEEP_CASES") ?? DefaultCasesPerEndpoint;

    /// <summary>One generator per case, derived from the seed, the endpoint and the case number, so any case replays alone.</summary>
    public static Random CaseRandom(int seed, int endpoint, int index) => new(unchecked((seed * 1_000_003) + (endpoint * 10_007) + index));

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
