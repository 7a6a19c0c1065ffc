using System.Security.Claims;
using AuthApp.Api.Data;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Users;

/// <summary><c>POST /users</c> (register) and <c>GET /users/me</c>.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users").WithTags("Users");
        group.MapPost("/", Register).WithSummary("Register an account.");
        group.MapGet("/me", GetCurrentUser).RequireAuthorization().WithSummary("The user the bearer token belongs to.");
        return app;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterUserRequest request, UserRegistration registration, CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(request.Email, request.Password, request.DisplayName, cancellationToken);
        if (result.Errors is not null) return TypedResults.ValidationProblem(result.Errors);
        if (result.EmailTaken) return ApiProblems.Conflict("An account with this email already exists.");
        return TypedResults.Created("/users/me", UserResponse.From(result.User!));
    }

    public static async Task<Results<Ok<UserResponse>, ChallengeHttpResult>> GetCurrentUser(
        ClaimsPrincipal principal, AuthDbContext db, CancellationToken cancellationToken) =>
        await FindCurrentUserAsync(principal, db, cancellationToken) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : TypedResults.Challenge();

    /// <summary>The live, active account behind a principal; null if it was deleted or disabled since.</summary>
    public static async Task<UserAccount?> FindCurrentUserAsync(ClaimsPrincipal principal, AuthDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        var user = await db.Users.FindAsync([id], cancellationToken);
        return user is { IsActive: true } ? user : null;
    }
}
