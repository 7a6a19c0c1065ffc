using System.Net.Mail;
using System.Text;
using AuthApp.Api.Data;

namespace AuthApp.Api.Features.Users;

/// <summary>Email checks and the normal form used for the case-insensitive unique index.</summary>
public static class EmailAddress
{
    /// <summary>True for one plain address (no display name, no surrounding spaces, no control characters).</summary>
    public static bool IsValid(string? email) =>
        email is { Length: > 2 and <= UserLimits.EmailMaxLength }
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && email.Count(c => c == '@') == 1
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    public static string Normalize(string email) => email.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static string LocalPart(string email)
    {
        var at = email.LastIndexOf('@');
        return Normalize(at < 0 ? email : email[..at]);
    }
}
