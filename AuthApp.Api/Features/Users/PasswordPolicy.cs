using System.Globalization;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Users;

/// <summary>
/// NIST SP 800-63B rev. 4 rules: length in code points after NFKC, no composition rules, no trimming,
/// no truncation, not the email's local part, not a common password.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options, CommonPasswords commonPasswords)
{
    /// <summary>Local parts this short would forbid most passwords, so they are not checked.</summary>
    private const int ShortestCheckedLocalPart = 3;

    /// <summary>The reason a password is refused, or null when it is acceptable.</summary>
    public string? Check(string password, string email)
    {
        var normalized = PasswordHashing.Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        var minimum = options.Value.MinLength;
        if (length < minimum) return $"The password must be at least {minimum} characters long.";
        if (length > PasswordPolicyOptions.MaximumLength) return $"The password must be at most {PasswordPolicyOptions.MaximumLength} characters long.";

        var localPart = EmailAddress.LocalPart(email);
        if (localPart.Length >= ShortestCheckedLocalPart
            && CultureInfo.InvariantCulture.CompareInfo.IndexOf(normalized, localPart, CompareOptions.IgnoreCase) >= 0)
        {
            return "The password must not contain the email address's local part.";
        }

        return commonPasswords.Contains(normalized) ? "The password is too common: it appears in lists of leaked passwords." : null;
    }
}
