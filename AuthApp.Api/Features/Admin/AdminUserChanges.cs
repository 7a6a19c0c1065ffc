using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// Admin edits of accounts. Changes that could remove the last admin run under <see cref="AdminLock"/>.
/// Sessions carry a copy of the account that token checks answer from (decision 0082), so every change
/// updates Redis inside its database transaction, after the row is written (and locked) and before the
/// commit: changing the email or roles, disabling, deleting or resetting the password ends all the user's
/// sessions; a display-name change rewrites them. If Redis fails the transaction rolls back and the
/// change answers 503, never success. Every change, and every refusal by the last-admin rule, is audited
/// (S18) once its transaction ended, naming changed fields but never their values.
/// </summary>
public sealed partial class AdminUserChanges(
    AuthDbContext db, UserRegistration registration, PasswordPolicy policy, PasswordHashing hashing,
    TokenStore tokens, IAuditLog audit, TimeProvider time, ILogger<AdminUserChanges> logger)
{
    public async Task<AdminOutcome> CreateAsync(CreateUserRequest request, HttpContext context)
    {
        var roles = request.Roles ?? [RoleNames.User];
        if (RoleNames.Problem(roles) is { } roleProblem) return AdminOutcome.Invalid("roles", roleProblem);
        var result = await registration.RegisterAsync(
            request.Email, request.Password, request.DisplayName, roles,
            user => audit.RecordAsync(context, AuditEventTypes.AdminUserCreated, AuditOutcomes.Success, user.Id.ToString(), $"roles: {string.Join(",", roles)}"),
            context.RequestAborted);
        if (result.Errors is not null) return new AdminOutcome(null, Errors: result.Errors);
        if (result.EmailTaken)
        {
            await audit.RecordAsync(context, AuditEventTypes.AdminUserCreated, AuditOutcomes.Failure, null, "email_taken");
            return AdminOutcome.Refused(AdminConflicts.EmailTaken);
        }

        LogChanged(logger, result.User!.Id, "created");
        return AdminOutcome.Done(result.User);
    }

    public async Task<AdminOutcome> UpdateAsync(Guid id, UpdateUserRequest request, HttpContext context)
    {
        if (request.Email is not null && UserRegistration.EmailProblem(request.Email) is { } emailProblem) return AdminOutcome.Invalid("email", emailProblem);
        if (UserRegistration.DisplayNameProblem(request.DisplayName) is { } nameProblem) return AdminOutcome.Invalid("displayName", nameProblem);
        if (request.Roles is not null && RoleNames.Problem(request.Roles) is { } roleProblem) return AdminOutcome.Invalid("roles", roleProblem);

        var cancellationToken = context.RequestAborted;
        await using var transaction = await AdminLock.BeginAsync(db, cancellationToken);
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null) return AdminOutcome.Missing;

        var demoted = request.Roles is not null && user.Roles.Contains(RoleNames.Admin) && !request.Roles.Contains(RoleNames.Admin);
        if (demoted && user.IsActive && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, cancellationToken))
        {
            return await RefuseAsync(transaction, context, AuditEventTypes.AdminRolesChanged, id, AdminConflicts.LastAdminDemote);
        }

        var changed = new List<string>();
        if (request.Email is not null && request.Email != user.Email)
        {
            user.Email = request.Email;
            user.NormalizedEmail = EmailAddress.Normalize(request.Email);
            changed.Add("email");
            // Nobody vouched for the new address yet (the OpenID Connect issuer refuses unverified emails).
            if (user.EmailVerified && request.EmailVerified is null)
            {
                user.EmailVerified = false;
                changed.Add("emailVerified");
            }
        }

        if (request.EmailVerified is { } verified && verified != user.EmailVerified)
        {
            user.EmailVerified = verified;
            changed.Add("emailVerified");
        }

        var displayName = request.DisplayName is { Length: 0 } ? null : request.DisplayName ?? user.DisplayName;
        if (displayName != user.DisplayName)
        {
            user.DisplayName = displayName;
            changed.Add("displayName");
        }

        var previousRoles = user.Roles.ToList();
        var rolesChanged = request.Roles is not null && !request.Roles.Order(StringComparer.Ordinal).SequenceEqual(user.Roles.Order(StringComparer.Ordinal));
        if (rolesChanged) user.Roles = [.. request.Roles!];

        user.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AdminOutcome.Refused(AdminConflicts.EmailTaken);
        }

        // A new email or role set ends the sessions (decision 0051): a demotion must not wait for a token to expire.
        if (changed.Contains("email") || rolesChanged)
        {
            await tokens.RevokeAllForUserAsync(id);
            await transaction.CommitAsync(cancellationToken);
        }
        else if (changed.Contains("displayName"))
        {
            await tokens.UpdateAccountAsync(AccountSnapshot.From(user));
            await CommitOrEndSessionsAsync(transaction, id, cancellationToken);
        }
        else
        {
            await transaction.CommitAsync(cancellationToken);
        }

        var subject = id.ToString();
        if (changed.Count > 0 || !rolesChanged)
        {
            var fields = changed.Count > 0 ? string.Join(",", changed) : "none";
            await audit.RecordAsync(context, AuditEventTypes.AdminUserUpdated, AuditOutcomes.Success, subject, $"fields: {fields}");
        }

        if (rolesChanged)
        {
            var detail = $"roles: {string.Join(",", user.Roles)} (were: {string.Join(",", previousRoles)})";
            await audit.RecordAsync(context, AuditEventTypes.AdminRolesChanged, AuditOutcomes.Success, subject, detail);
        }

        LogChanged(logger, id, "updated");
        return AdminOutcome.Done(user);
    }

    /// <summary>Disables (revoking every session) or enables an account. Disabling twice still revokes.</summary>
    public async Task<AdminOutcome> SetActiveAsync(Guid id, bool active, HttpContext context)
    {
        var type = active ? AuditEventTypes.AdminUserEnabled : AuditEventTypes.AdminUserDisabled;
        await using var transaction = await AdminLock.BeginAsync(db, context.RequestAborted);
        var user = await db.Users.FindAsync([id], context.RequestAborted);
        if (user is null) return AdminOutcome.Missing;
        if (!active && user.IsActive && user.Roles.Contains(RoleNames.Admin) && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, context.RequestAborted))
        {
            return await RefuseAsync(transaction, context, type, id, AdminConflicts.LastAdminDisable);
        }

        user.IsActive = active;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(context.RequestAborted);
        var ended = active ? 0 : await tokens.RevokeAllForUserAsync(id);
        await transaction.CommitAsync(context.RequestAborted);
        await audit.RecordAsync(context, type, AuditOutcomes.Success, id.ToString(), active ? null : $"{ended} sessions ended");
        LogChanged(logger, id, active ? "enabled" : "disabled");
        return AdminOutcome.Done(user);
    }

    public async Task<AdminOutcome> DeleteAsync(Guid id, HttpContext context)
    {
        await using var transaction = await AdminLock.BeginAsync(db, context.RequestAborted);
        var user = await db.Users.FindAsync([id], context.RequestAborted);
        if (user is null) return AdminOutcome.Missing;
        if (user.IsActive && user.Roles.Contains(RoleNames.Admin) && !await AdminLock.AnotherActiveAdminExistsAsync(db, id, context.RequestAborted))
        {
            return await RefuseAsync(transaction, context, AuditEventTypes.AdminUserDeleted, id, AdminConflicts.LastAdminDelete);
        }

        db.Users.Remove(user);
        await db.SaveChangesAsync(context.RequestAborted);
        var ended = await tokens.RevokeAllForUserAsync(id);
        await transaction.CommitAsync(context.RequestAborted);
        await audit.RecordAsync(context, AuditEventTypes.AdminUserDeleted, AuditOutcomes.Success, id.ToString(), $"{ended} sessions ended");
        LogChanged(logger, id, "deleted");
        return AdminOutcome.Done(user);
    }

    /// <summary>Sets a new password under the registration policy and ends every session (S8).</summary>
    public async Task<AdminOutcome> SetPasswordAsync(Guid id, string password, HttpContext context)
    {
        var user = await db.Users.FindAsync([id], context.RequestAborted);
        if (user is null) return AdminOutcome.Missing;
        if (policy.Check(password, user.Email) is { } problem) return AdminOutcome.Invalid("password", problem);

        user.PasswordHash = hashing.Hash(user, password);
        user.UpdatedAt = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        await db.SaveChangesAsync(context.RequestAborted);
        var ended = await tokens.RevokeAllForUserAsync(id);
        await transaction.CommitAsync(context.RequestAborted);
        await audit.RecordAsync(context, AuditEventTypes.AdminPasswordSet, AuditOutcomes.Success, id.ToString(), $"{ended} sessions ended");
        LogChanged(logger, id, "given a new password");
        return AdminOutcome.Done(user);
    }

    /// <summary>
    /// Commits a change whose new account copy is already in the sessions. Should the commit fail, the sessions
    /// would show a change that did not happen, so they are ended instead (best effort: Redis may be failing too).
    /// </summary>
    private async Task CommitOrEndSessionsAsync(IDbContextTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            try
            {
                await tokens.RevokeAllForUserAsync(id);
            }
            catch (Exception cleanup) when (cleanup is StackExchange.Redis.RedisException)
            {
                LogCleanupFailed(logger, id);
            }

            throw;
        }
    }

    /// <summary>Ends the transaction first: an audit row written inside it would be rolled back with it.</summary>
    private async Task<AdminOutcome> RefuseAsync(IDbContextTransaction transaction, HttpContext context, string type, Guid id, string reason)
    {
        await transaction.RollbackAsync(context.RequestAborted);
        await audit.RecordAsync(context, type, AuditOutcomes.Failure, id.ToString(), "last_admin");
        return AdminOutcome.Refused(reason);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Commit of a display-name change of user {UserId} failed and its sessions could not be ended: they may show the new name until they expire")]
    private static partial void LogCleanupFailed(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin change: user {UserId} {Change}")]
    private static partial void LogChanged(ILogger logger, Guid userId, string change);
}
