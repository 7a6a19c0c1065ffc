using AuthApp.Api.Data;
using AuthApp.Api.Features.Users;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AuthApp.Benchmarks.Hashing;

/// <summary>
/// The API's <see cref="PasswordHashing"/> at its configured PBKDF2-HMAC-SHA512 cost (210,000 iterations, OWASP 2023)
/// against ASP.NET Core Identity's own default hasher (100,000 iterations): registration hashes, a login verifies.
/// </summary>
// Public and unsealed: BenchmarkDotNet derives from benchmark classes and refuses sealed or non-public ones.
public class PasswordHashBenchmarks
{
    private const string Password = "violet-Harbour-kettle-42";

    private readonly UserAccount _user = new() { Email = "bench@example.test", NormalizedEmail = "bench@example.test", PasswordHash = "" };
    private PasswordHasher<UserAccount> _identityDefault = null!;
    private PasswordHashing _api = null!;

    [GlobalSetup]
    public void CreateHashers()
    {
        _identityDefault = new PasswordHasher<UserAccount>();
        // Configured as the API configures it (AuthApiServices): Auth:Password:Iterations, default 210,000.
        var iterations = new PasswordPolicyOptions().Iterations;
        _api = new PasswordHashing(new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = iterations })));
        _user.PasswordHash = _api.Hash(_user, Password);
        Console.WriteLine($"// Identity default: {new PasswordHasherOptions().IterationCount:N0} iterations; API: {iterations:N0} iterations.");
    }

    [Benchmark(Baseline = true, Description = "Identity default hash (100,000)")]
    public string IdentityDefaultHash() => _identityDefault.HashPassword(_user, Password);

    [Benchmark(Description = "PasswordHashing.Hash (210,000)")]
    public string ApiHash() => _api.Hash(_user, Password);

    [Benchmark(Description = "PasswordHashing.Verify (210,000)")]
    public PasswordVerificationResult ApiVerify() => _api.Verify(_user, Password);
}
