using AuthApp.Benchmarks.Startup;

// Benchmark commands print figures; they are not tests. Usage: dotnet run -c Release --project AuthApp.Benchmarks -- <command>
return args switch
{
    ["startup", .. var rest] => await StartupBenchmark.RunAsync(StartupBenchmarkOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project AuthApp.Benchmarks -- startup [--runs N]");
    Console.Error.WriteLine("  startup  time from start to every resource healthy, cold (new state directory) and warm (existing data)");
    return 2;
}
