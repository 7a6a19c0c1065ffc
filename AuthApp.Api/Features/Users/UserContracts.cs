using AuthApp.Api.Data;

namespace AuthApp.Api.Features.Users;

/// <summary>Body of <c>POST /users</c>. Unknown fields are refused.</summary>
public sealed record RegisterUserRequest(string Email, string Password, string? DisplayName = null);

/// <summary>A user as the API shows it: never the password hash.</summary>
public sealed record UserResponse(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Active, DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserAccount user) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.IsActive, user.CreatedAt);
}
