using AuthApp.Benchmarks;
using AuthApp.Benchmarks.Api;
using AuthApp.Benchmarks.Hashing;
using AuthApp.Benchmarks.HotPath;
using AuthApp.Benchmarks.Load;
using AuthApp.Benchmarks.Overload;
using AuthApp.Benchmarks.Soak;
using AuthApp.Benchmarks.Startup;

// Benchmark commands print figures; they are not tests. Usage: dotnet run -c Release --project AuthApp.Benchmarks -- <command>
return args switch
{
    ["startup", .. var rest] => await StartupBenchmark.RunAsync(StartupBenchmarkOptions.Parse(rest)),
    ["api"] => BenchmarkCommand.Run([typeof(ApiBenchmarks)], RunningAuthApp.SettingsNote),
    ["load", .. var rest] => await LoadBenchmark.RunAsync(LoadOptions.Parse(rest)),
    ["overload", .. var rest] => await OverloadBenchmark.RunAsync(LoadOptions.Parse(rest)),
    ["soak", .. var rest] => await SoakBenchmark.RunAsync(SoakOptions.Parse(rest)),
    ["hotpath"] => BenchmarkCommand.Run([typeof(TokenHashingBenchmarks), typeof(ClientAuthenticationBenchmarks), typeof(OutboxEntryReadingBenchmarks)]),
    ["hashing"] => BenchmarkCommand.Run([typeof(TokenHashBenchmarks), typeof(PasswordHashBenchmarks)]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project AuthApp.Benchmarks -- <startup [--runs N] | api | load [--duration S] [--connections N] [--threads N] [--only alive,me,introspect,refresh,revoke,login] | overload [same options as load] | soak [--minutes N] [--workers N] | hotpath | hashing>");
    Console.Error.WriteLine("  startup  time from start to every resource healthy, cold (new state directory) and warm (existing data)");
    Console.Error.WriteLine("  api      HTTP round trips to the running system (/users/me, /introspect, /token) against GET /alive");
    Console.Error.WriteLine("  load     the running system under wrk: floor (one Redis GET), /alive, /users/me, /introspect, refresh, /revoke, login");
    Console.Error.WriteLine("  overload token checks at 1x, 2x and 4x the load concurrency with load shedding on and off, /alive probed meanwhile");
    Console.Error.WriteLine("  soak     mixed traffic for N minutes: API working set, GC heap, Redis keys and p99 at the start and the end");
    Console.Error.WriteLine("  hotpath  per-request work of token checks and of the audit drain before and after issue 10, with allocations (MemoryDiagnoser)");
    Console.Error.WriteLine("  hashing  token HMAC vs SHA-256, and PBKDF2 at 210,000 iterations vs Identity's default 100,000");
    return 2;
}
