using System.Text.RegularExpressions;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// Role names: <c>admin</c> and <c>user</c> are known to AuthApp; other APIs may define their own
/// (e.g. <c>orders:write</c>) as long as they match <see cref="Pattern"/>.
/// </summary>
public static partial class RoleNames
{
    public const string Admin = "admin";
    public const string User = "user";

    /// <summary>Lower-case letter first, then lower-case letters, digits, '.', '_', ':' or '-'; 2 to 50 characters.</summary>
    public const string Pattern = "^[a-z][a-z0-9._:-]{1,49}$";

    public const int MaxRolesPerUser = 20;

    /// <summary>Why a role list is refused, or null; duplicates are refused rather than silently merged.</summary>
    public static string? Problem(IReadOnlyList<string> roles)
    {
        if (roles.Count > MaxRolesPerUser) return $"A user can have at most {MaxRolesPerUser} roles.";
        if (roles.FirstOrDefault(role => !RolePattern().IsMatch(role)) is { } bad)
        {
            return $"The role '{Shorten(bad)}' is not a valid role name: use lower-case letters, digits, '.', '_', ':' or '-', 2 to 50 characters, starting with a letter (e.g. admin, user).";
        }

        return roles.Distinct(StringComparer.Ordinal).Count() != roles.Count ? "A role is listed more than once." : null;
    }

    private static string Shorten(string value) => value.Length > 50 ? value[..50] + "…" : value;

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();
}
