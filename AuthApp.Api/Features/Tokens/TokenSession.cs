namespace AuthApp.Api.Features.Tokens;

/// <summary>Kinds of token the store holds. Refresh tokens (issue 5) add a kind and a family.</summary>
public static class TokenKinds
{
    public const string Access = "access";
}

/// <summary>What Redis holds about one token, keyed by the token's hash (never the token).</summary>
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
    string? FamilyId = null);
