using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Protection;

/// <summary>Brute-force defence (S12) from <c>Auth:Lockout</c>.</summary>
public sealed class AccountLockoutOptions
{
    public const string Section = "Auth:Lockout";

    /// <summary><c>Auth:Lockout:MaxFailedAttempts</c>: failures of one account within the window that lock it. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary><c>Auth:Lockout:MaxFailedAttemptsPerAddress</c>: failures from one client address within the window that lock that address. Default 20.</summary>
    public int MaxFailedAttemptsPerAddress { get; set; } = 20;

    /// <summary><c>Auth:Lockout:Window</c>: how long failures are counted from the first one. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>Auth:Lockout:BaseLockout</c>: the first lock's length. Default 1 minute.</summary>
    public TimeSpan BaseLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Auth:Lockout:GrowthFactor</c>: each further lock lasts this many times longer. Default 2.</summary>
    public double GrowthFactor { get; set; } = 2;

    /// <summary><c>Auth:Lockout:MaxLockout</c>: the longest lock. Default 1 hour.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Auth:Lockout:Memory</c>: after this long without a failure, earlier locks are forgotten. Default 1 day.</summary>
    public TimeSpan Memory { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Each failure names its key.</summary>
internal sealed class AccountLockoutOptionsValidator : IValidateOptions<AccountLockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountLockoutOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailedAttempts < 1) failures.Add("Auth:Lockout:MaxFailedAttempts must be at least 1.");
        if (options.MaxFailedAttemptsPerAddress < 1) failures.Add("Auth:Lockout:MaxFailedAttemptsPerAddress must be at least 1.");
        if (options.Window <= TimeSpan.Zero) failures.Add("Auth:Lockout:Window must be a positive TimeSpan.");
        if (options.BaseLockout <= TimeSpan.Zero) failures.Add("Auth:Lockout:BaseLockout must be a positive TimeSpan.");
        if (options.GrowthFactor is < 1 or > 100) failures.Add("Auth:Lockout:GrowthFactor must be between 1 and 100.");
        if (options.MaxLockout < options.BaseLockout) failures.Add("Auth:Lockout:MaxLockout must not be shorter than Auth:Lockout:BaseLockout.");
        if (options.Memory < options.Window) failures.Add("Auth:Lockout:Memory must not be shorter than Auth:Lockout:Window.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
