using AuthApp.Api.Data;

namespace AuthApp.Api.Features.Admin;

/// <summary>A user as admins see it: never the password hash.</summary>
public sealed record AdminUserResponse(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool EmailVerified)
{
    public static AdminUserResponse From(UserAccount user) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.IsActive, user.CreatedAt, user.UpdatedAt, user.EmailVerified);
}

/// <summary>One page of users and the total count of the whole (filtered) list.</summary>
public sealed record UserPage(IReadOnlyList<AdminUserResponse> Items, int Total, int Page, int PageSize);

/// <summary>Body of <c>POST /admin/users</c>.</summary>
public sealed record CreateUserRequest(string Email, string Password, string? DisplayName = null, IReadOnlyList<string>? Roles = null);

/// <summary>
/// Body of <c>PATCH /admin/users/{id}</c>: absent (or null) fields stay as they are; an empty
/// display name clears it. A new email is unverified unless <see cref="EmailVerified"/> says otherwise in the same request.
/// </summary>
public sealed record UpdateUserRequest(
    string? Email = null, string? DisplayName = null, IReadOnlyList<string>? Roles = null, bool? EmailVerified = null);

/// <summary>Body of <c>PUT /admin/users/{id}/password</c>.</summary>
public sealed record SetPasswordRequest(string Password);
