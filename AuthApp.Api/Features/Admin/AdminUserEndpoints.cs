using AuthApp.Api.Data;
using AuthApp.Api.Features.Clients;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// <c>/admin/users</c>: list, read, create, edit, disable/enable, delete, set password. The group
/// demands the <c>admin</c> role on the server (S14): anonymous 401, other users 403.
/// </summary>
public static class AdminUserEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Admin").RequireAdmin().DisableAntiforgery();
        var users = group.MapGroup("/users");
        users.MapGet("/", List).WithSummary("Users, searched, sorted and paged.");
        users.MapGet("/{id:guid}", Get).WithSummary("One user.");
        users.MapPost("/", Create).WithSummary("Create a user with an initial password and roles.");
        users.MapPatch("/{id:guid}", Update).WithSummary("Change email, display name or roles (ends the user's sessions when email or roles change).");
        users.MapPost("/{id:guid}/disable", Disable).WithSummary("Disable a user and end all their sessions.");
        users.MapPost("/{id:guid}/enable", Enable).WithSummary("Enable a user again.");
        users.MapDelete("/{id:guid}", Delete).WithSummary("Delete a user and end all their sessions.");
        users.MapPut("/{id:guid}/password", SetPassword).WithSummary("Set a new password and end all the user's sessions.");
        group.MapAdminSessionApi();
        group.MapClientAdminApi();
        return app;
    }

    public static async Task<Results<Ok<UserPage>, ProblemHttpResult>> List(
        [AsParameters] UserListParameters parameters, AuthDbContext db, CancellationToken cancellationToken)
    {
        var errors = UserListQuery.Validate(parameters);
        if (errors.Count > 0) return Invalid(errors);
        return TypedResults.Ok(await UserListQuery.RunAsync(db, parameters, cancellationToken));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> Get(Guid id, AuthDbContext db, CancellationToken cancellationToken) =>
        await db.Users.FindAsync([id], cancellationToken) is { } user ? TypedResults.Ok(AdminUserResponse.From(user)) : NotFound();

    public static async Task<Results<Created<AdminUserResponse>, ProblemHttpResult>> Create(
        CreateUserRequest request, AdminUserChanges changes, HttpContext context)
    {
        var outcome = await changes.CreateAsync(request, context);
        if (outcome.User is { } user) return TypedResults.Created($"/admin/users/{user.Id}", AdminUserResponse.From(user));
        return Failure(outcome);
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateUserRequest request, AdminUserChanges changes, HttpContext context) =>
        Answer(await changes.UpdateAsync(id, request, context));

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> Disable(
        Guid id, AdminUserChanges changes, HttpContext context) =>
        Answer(await changes.SetActiveAsync(id, active: false, context));

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> Enable(
        Guid id, AdminUserChanges changes, HttpContext context) =>
        Answer(await changes.SetActiveAsync(id, active: true, context));

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, AdminUserChanges changes, HttpContext context)
    {
        var outcome = await changes.DeleteAsync(id, context);
        return outcome.User is not null ? TypedResults.NoContent() : Failure(outcome);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetPassword(
        Guid id, SetPasswordRequest request, AdminUserChanges changes, HttpContext context)
    {
        var outcome = await changes.SetPasswordAsync(id, request.Password, context);
        return outcome.User is not null ? TypedResults.NoContent() : Failure(outcome);
    }

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No user exists with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static Results<Ok<AdminUserResponse>, ProblemHttpResult> Answer(AdminOutcome outcome) =>
        outcome.User is { } user ? TypedResults.Ok(AdminUserResponse.From(user)) : Failure(outcome);

    /// <summary>A validation problem whose detail repeats the messages, so clients can show it in words.</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = string.Join(" ", errors.Values.SelectMany(messages => messages)),
        });

    private static ProblemHttpResult Failure(AdminOutcome outcome) => outcome switch
    {
        { Errors: { } errors } => Invalid(errors),
        { Conflict: { } reason } => ApiProblems.Conflict(reason),
        _ => NotFound(),
    };
}
