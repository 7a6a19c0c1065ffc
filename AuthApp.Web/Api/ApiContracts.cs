using System.Text.Json.Serialization;

namespace AuthApp.Web.Api;

/// <summary>A user as the admin API returns it.</summary>
public sealed record AdminUser(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool EmailVerified = false);

/// <summary>One page of users with the total count.</summary>
public sealed record UserPage(IReadOnlyList<AdminUser> Items, int Total, int Page, int PageSize);

/// <summary>A live session (a token family: one sign-in and its refreshes) as the API lists it; never a token.</summary>
public sealed record AdminSession(string Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? ClientAddress, string? UserAgent);

/// <summary>Body for creating a user.</summary>
public sealed record NewUser(string Email, string Password, string? DisplayName, IReadOnlyList<string> Roles);

/// <summary>Body for editing a user; null fields stay as they are (a new email is unverified unless EmailVerified says so).</summary>
public sealed record UserEdit(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, bool? EmailVerified = null);

/// <summary>The signed-in user as <c>/users/me</c> returns it.</summary>
public sealed record CurrentUser(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Active);

/// <summary>
/// RFC 6749 token response (the parts the site needs). <c>refresh_token</c> is deliberately not read: the site
/// keeps only the access token and signs out when it expires (decision 0055).
/// </summary>
public sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

/// <summary>An error from the API, with its problem-details text in words.</summary>
public class ApiException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The API refused the admin's token (expired or revoked): the site signs the admin out.</summary>
public sealed class ApiSessionEndedException() : ApiException("Your session has ended. Sign in again.", 401);
