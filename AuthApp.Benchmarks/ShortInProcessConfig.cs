using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AuthApp.Benchmarks;

/// <summary>
/// One short job for every benchmark command: 3 warm-up and 10 measured iterations, so a command ends in minutes on
/// two shared cores. In-process, because the API benchmarks hold a running system started in [GlobalSetup] and
/// BenchmarkDotNet's out-of-process toolchain would rebuild the whole solution into a generated project first.
/// </summary>
internal static class ShortInProcessConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("short-in-process"))
        .AddColumn(StatisticColumn.Median)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts"));
}
