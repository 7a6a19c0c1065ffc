using AuthApp.Api.Features.Users;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// <c>Bootstrap:AdminEmail</c> and <c>Bootstrap:AdminPassword</c>: the first admin, created at startup
/// when no active admin exists. Both or neither; the AppHost passes its generated parameters.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    /// <summary>A secret: never logged, never echoed in a validation message.</summary>
    public string? AdminPassword { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(AdminEmail) && !string.IsNullOrEmpty(AdminPassword);
}

/// <summary>Refuses half a bootstrap setting, a malformed email, or a password the policy would refuse.</summary>
internal sealed class BootstrapOptionsValidator(PasswordPolicy policy) : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var hasEmail = !string.IsNullOrEmpty(options.AdminEmail);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        if (!hasEmail && !hasPassword) return ValidateOptionsResult.Success;
        if (!hasEmail) return ValidateOptionsResult.Fail("Bootstrap:AdminEmail is missing: set it together with Bootstrap:AdminPassword, or neither.");
        if (!hasPassword) return ValidateOptionsResult.Fail("Bootstrap:AdminPassword is missing: set it together with Bootstrap:AdminEmail, or neither.");
        if (UserRegistration.EmailProblem(options.AdminEmail!) is not null) return ValidateOptionsResult.Fail("Bootstrap:AdminEmail is malformed: it must be one address like admin@example.com.");
        return policy.Check(options.AdminPassword!, options.AdminEmail!) is { } problem
            ? ValidateOptionsResult.Fail($"Bootstrap:AdminPassword is refused by the password policy: {problem}")
            : ValidateOptionsResult.Success;
    }
}
