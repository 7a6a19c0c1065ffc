namespace AuthApp.Api.Features.Users;

/// <summary>Password policy and hashing cost from <c>Auth:Password</c>.</summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "Auth:Password";

    /// <summary>NIST SP 800-63B rev. 4 floor when nothing else is set.</summary>
    public const int AbsoluteMinimumLength = 8;

    /// <summary>Longest password accepted; longer ones are refused, never truncated.</summary>
    public const int MaximumLength = 128;

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512.</summary>
    public const int MinimumIterations = 210_000;

    /// <summary><c>Auth:Password:MinLength</c>, in Unicode code points. Default 15, never below 8.</summary>
    public int MinLength { get; set; } = 15;

    /// <summary><c>Auth:Password:Iterations</c> of PBKDF2-HMAC-SHA512. Default 210,000, never below.</summary>
    public int Iterations { get; set; } = MinimumIterations;
}
