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
    DateTimeOffset? SessionStartedAt = null);
