using AuthApp.Api.Data;
using AuthApp.Api.Features.Tokens;

namespace AuthApp.Api.Features.Users;

/// <summary>Body of <c>POST /users</c>. Unknown fields are refused.</summary>
public sealed record RegisterUserRequest(string Email, string Password, string? DisplayName = null);

/// <summary>A user as the API shows it: never the password hash.</summary>
public sealed record UserResponse(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Active, DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserAccount user) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.IsActive, user.CreatedAt);

    /// <summary>The account as the session's copy has it: live sessions exist only for active accounts.</summary>
    public static UserResponse From(TokenSession session) =>
        new(session.UserId, session.Email, session.DisplayName, session.Roles, true, session.AccountCreatedAt);
}
