using AuthApp.Api.Data;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// Admin edits of accounts. Changes that could remove the last admin run under <see cref="AdminLock"/>.
/// Sessions carry the email and roles they were issued with, so changing either (or disabling,
/// deleting, resetting the password) revokes all the user's sessions after the change is committed.
/// </summary>
public sealed partial class AdminUserChanges(
    AuthDbContext db, UserRegistration registration, PasswordPolicy policy, PasswordHashing hashing,
    TokenStore tokens, TimeProvider time, ILogger<AdminUserChanges> logger)
{
    public async Task<AdminOutcome> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var roles = request.Roles ?? [RoleNames.User];
        if (RoleNames.Problem(roles) is { } roleProblem) return AdminOutcome.Invalid("roles", roleProblem);
        var result = await registration.RegisterAsync(request.Email, request.Password, request.DisplayName, roles, cancellationToken);
        if (result.Errors is not null) return new AdminOutcome(null, Errors: result.Errors);
        if (result.EmailTaken) return AdminOutcome.Refused(AdminConflicts.EmailTaken);
        LogChanged(logger, result.User!.Id, "created");
        return AdminOutcome.Done(result.User);
    }

    public async Task<AdminOutcome> UpdateAsync(Guid id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        if (request.Email is not null && UserRegistration.EmailProblem(request.Email) is { } emailProblem) return AdminOutcome.Invalid("email", emailProblem);
        if (UserRegistration.DisplayNameProblem(request.DisplayName) is { } nameProblem) return AdminOutcome.Invalid("displayName", nameProblem);
        if (request.Roles is not null && RoleNames.Problem(request.Roles) is { } roleProblem) return AdminOutcome.Invalid("roles", roleProblem);

        await using var transaction = await AdminLock.BeginAsync(db, cancellationToken);
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null) return AdminOutcome.Missing;

        var demoted = request.Roles is not null && user.Roles.Contains(RoleNames.Admin) && !request.Roles.Contains(RoleNames.Admin);
        if (demoted && user.IsActive && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, cancellationToken))
        {
            return AdminOutcome.Refused(AdminConflicts.LastAdminDemote);
        }

        var sessionsStale = false;
        if (request.Email is not null && request.Email != user.Email)
        {
            user.Email = request.Email;
            user.NormalizedEmail = EmailAddress.Normalize(request.Email);
            sessionsStale = true;
        }

        if (request.DisplayName is not null) user.DisplayName = request.DisplayName.Length == 0 ? null : request.DisplayName;
        if (request.Roles is not null && !request.Roles.Order(StringComparer.Ordinal).SequenceEqual(user.Roles.Order(StringComparer.Ordinal)))
        {
            user.Roles = [.. request.Roles];
            sessionsStale = true;
        }

        user.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AdminOutcome.Refused(AdminConflicts.EmailTaken);
        }

        if (sessionsStale) await tokens.RevokeAllForUserAsync(id);
        LogChanged(logger, id, "updated");
        return AdminOutcome.Done(user);
    }

    /// <summary>Disables (revoking every session) or enables an account. Disabling twice still revokes.</summary>
    public async Task<AdminOutcome> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        await using var transaction = await AdminLock.BeginAsync(db, cancellationToken);
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null) return AdminOutcome.Missing;
        if (!active && user.IsActive && user.Roles.Contains(RoleNames.Admin) && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, cancellationToken))
        {
            return AdminOutcome.Refused(AdminConflicts.LastAdminDisable);
        }

        user.IsActive = active;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!active) await tokens.RevokeAllForUserAsync(id);
        LogChanged(logger, id, active ? "enabled" : "disabled");
        return AdminOutcome.Done(user);
    }

    public async Task<AdminOutcome> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await AdminLock.BeginAsync(db, cancellationToken);
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null) return AdminOutcome.Missing;
        if (user.IsActive && user.Roles.Contains(RoleNames.Admin) && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, cancellationToken))
        {
            return AdminOutcome.Refused(AdminConflicts.LastAdminDelete);
        }

        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await tokens.RevokeAllForUserAsync(id);
        LogChanged(logger, id, "deleted");
        return AdminOutcome.Done(user);
    }

    /// <summary>Sets a new password under the registration policy and ends every session (S8).</summary>
    public async Task<AdminOutcome> SetPasswordAsync(Guid id, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null) return AdminOutcome.Missing;
        if (policy.Check(password, user.Email) is { } problem) return AdminOutcome.Invalid("password", problem);

        user.PasswordHash = hashing.Hash(user, password);
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await tokens.RevokeAllForUserAsync(id);
        LogChanged(logger, id, "given a new password");
        return AdminOutcome.Done(user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin change: user {UserId} {Change}")]
    private static partial void LogChanged(ILogger logger, Guid userId, string change);
}
