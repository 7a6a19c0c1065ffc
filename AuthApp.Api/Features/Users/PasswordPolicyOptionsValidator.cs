using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Users;

/// <summary>Keeps the policy within NIST and OWASP floors.</summary>
internal sealed class PasswordPolicyOptionsValidator : IValidateOptions<PasswordPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordPolicyOptions options)
    {
        var failures = new List<string>();
        if (options.MinLength is < PasswordPolicyOptions.AbsoluteMinimumLength or > PasswordPolicyOptions.MaximumLength)
        {
            failures.Add($"Auth:Password:MinLength must be between {PasswordPolicyOptions.AbsoluteMinimumLength} and {PasswordPolicyOptions.MaximumLength}.");
        }

        if (options.Iterations < PasswordPolicyOptions.MinimumIterations)
        {
            failures.Add($"Auth:Password:Iterations must be at least {PasswordPolicyOptions.MinimumIterations}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
