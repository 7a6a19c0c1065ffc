using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Users;

/// <summary><c>POST /users</c> (register) and <c>GET /users/me</c>.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users").WithTags("Users");
        group.MapPost("/", Register).RequireRateLimiting(RateLimitPolicies.Register).WithSummary("Register an account.");
        group.MapGet("/me", GetCurrentUser).RequireAuthorization().WithSummary("The user the bearer token belongs to.");
        return app;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterUserRequest request, UserRegistration registration, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(request.Email, request.Password, request.DisplayName, RecordCreated(audit, context), cancellationToken);
        await RecordRefusalAsync(audit, context, result);
        if (result.Errors is not null) return TypedResults.ValidationProblem(result.Errors);
        if (result.EmailTaken) return ApiProblems.Conflict("An account with this email already exists.");
        return TypedResults.Created("/users/me", UserResponse.From(result.User!));
    }

    public static Results<Ok<UserResponse>, ChallengeHttpResult> GetCurrentUser(HttpContext context) =>
        CurrentUser(context) is { } user ? TypedResults.Ok(UserResponse.From(user)) : TypedResults.Challenge();

    /// <summary>Audits a registration inside its transaction (shared with <c>/accounts/</c>).</summary>
    public static Func<UserAccount, Task> RecordCreated(IAuditLog audit, HttpContext context) =>
        user => audit.RecordAsync(context, AuditEventTypes.Registration, AuditOutcomes.Success, user.Id.ToString());

    /// <summary>Audits a refused registration (shared with <c>/accounts/</c>); invalid input is not an event.</summary>
    public static Task RecordRefusalAsync(IAuditLog audit, HttpContext context, RegistrationResult result) => result.EmailTaken
        ? audit.RecordAsync(context, AuditEventTypes.Registration, AuditOutcomes.Failure, null, "email_taken")
        : Task.CompletedTask;

    /// <summary>The live session <see cref="BearerTokenHandler"/> found for this request, with its account copy; null if not authenticated.</summary>
    public static TokenSession? CurrentUser(HttpContext context) => context.Features.Get<TokenSession>();
}
