using AuthApp.Api.Data;

namespace AuthApp.Api.Features.Tokens;

/// <summary>The account fields a session carries, read from PostgreSQL when the session is made (login).</summary>
public sealed record AccountSnapshot(Guid UserId, string Email, string? DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt)
{
    public static AccountSnapshot From(UserAccount user) => new(user.Id, user.Email, user.DisplayName, [.. user.Roles], user.CreatedAt);

    /// <summary>A rotation carries the presented session's copy forward unchanged.</summary>
    public static AccountSnapshot From(TokenSession session) =>
        new(session.UserId, session.Email, session.DisplayName, session.Roles, session.AccountCreatedAt);
}
