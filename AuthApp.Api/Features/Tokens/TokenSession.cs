namespace AuthApp.Api.Features.Tokens;

/// <summary>Kinds of token the store holds. Both kinds of one login share a family (the session).</summary>
public static class TokenKinds
{
    public const string Access = "access";

    public const string Refresh = "refresh";
}

/// <summary>
/// What Redis holds about one token, keyed by the token's hash (never the token). <see cref="FamilyId"/>
/// names the session (one login and its refreshes); <see cref="SessionStartedAt"/> is that login's time.
/// The account fields (<see cref="Email"/>, <see cref="Roles"/>, <see cref="DisplayName"/>,
/// <see cref="AccountCreatedAt"/>) are the account as it is now: every account change rewrites or ends the
/// user's sessions in the same operation (decision 0082), so a token check needs nothing but this record.
/// </summary>
public sealed record TokenSession(
    string TokenHash,
    string Kind,
    Guid UserId,
    string Email,
    IReadOnlyList<string> Roles,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? ClientAddress,
    string? UserAgent,
    string? FamilyId = null,
    DateTimeOffset? SessionStartedAt = null)
{
    public string? DisplayName { get; init; }

    public DateTimeOffset AccountCreatedAt { get; init; }

    /// <summary>
    /// The account version this copy was written under (<see cref="AccountVersions"/>); a rotation commits only
    /// if it is unchanged, so a refresh never copies account fields an account change just replaced.
    /// </summary>
    public string AccountVersion { get; init; } = AccountVersions.Initial;

    /// <summary>RFC 7662 <c>scope</c>: the roles, space-separated; null without roles.</summary>
    public string? Scope => Roles.Count == 0 ? null : string.Join(' ', Roles);
}
