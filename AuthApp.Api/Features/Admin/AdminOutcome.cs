using AuthApp.Api.Data;

namespace AuthApp.Api.Features.Admin;

/// <summary>What an admin change came to: the user, or why not (unknown user, bad input, a conflict).</summary>
public sealed record AdminOutcome(UserAccount? User, bool NotFound = false, Dictionary<string, string[]>? Errors = null, string? Conflict = null)
{
    public static readonly AdminOutcome Missing = new(null, NotFound: true);

    public static AdminOutcome Done(UserAccount user) => new(user);

    public static AdminOutcome Invalid(string field, string problem) => new(null, Errors: new() { [field] = [problem] });

    public static AdminOutcome Refused(string reason) => new(null, Conflict: reason);
}

/// <summary>The reasons a change is refused with 409.</summary>
public static class AdminConflicts
{
    public const string EmailTaken = "An account with this email already exists.";
    public const string LastAdminDelete = "This is the last active admin: it cannot be deleted. Give another active user the admin role first.";
    public const string LastAdminDisable = "This is the last active admin: it cannot be disabled. Give another active user the admin role first.";
    public const string LastAdminDemote = "This is the last active admin: the admin role cannot be removed. Give another active user the admin role first.";
}
