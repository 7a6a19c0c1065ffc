using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace AuthApp.Api.Features.Sessions;

/// <summary>The outcome of a password change: sessions ended, policy errors, a wrong current password, or no live account.</summary>
public sealed record PasswordChangeResult(long? RevokedSessions, Dictionary<string, string[]>? Errors = null, bool WrongCurrentPassword = false);

/// <summary>
/// S3: changing the password requires the current one and ends every other session at once. The
/// caller's own session is kept, so the client that changed it stays signed in. Wrong current
/// passwords count towards the account's lockout, so a stolen access token cannot guess the password.
/// </summary>
public sealed class PasswordChange(
    AuthDbContext db, PasswordHashing hashing, PasswordPolicy policy, LoginThrottle throttle, TokenStore store, IAuditLog audit, TimeProvider time)
{
    public async Task<PasswordChangeResult> ChangeAsync(TokenSession current, ChangePasswordRequest request, HttpContext context)
    {
        var user = await db.Users.FindAsync([current.UserId], context.RequestAborted);
        if (user is not { IsActive: true }) return new PasswordChangeResult(null);
        var subject = user.Id.ToString();
        var address = context.ClientAddressOf();

        if (await throttle.IsLockedAsync(user.NormalizedEmail, address))
        {
            hashing.VerifyDummy(request.CurrentPassword);
            await audit.RecordAsync(context, AuditEventTypes.PasswordChange, AuditOutcomes.Failure, subject, "locked");
            return new PasswordChangeResult(null, WrongCurrentPassword: true);
        }

        if (hashing.Verify(user, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(user.NormalizedEmail, address);
            await audit.RecordAsync(context, AuditEventTypes.PasswordChange, AuditOutcomes.Failure, subject, "wrong_password");
            return new PasswordChangeResult(null, WrongCurrentPassword: true);
        }

        if (policy.Check(request.NewPassword, user.Email) is { } problem)
        {
            return new PasswordChangeResult(null, new Dictionary<string, string[]> { ["newPassword"] = [problem] });
        }

        user.PasswordHash = hashing.Hash(user, request.NewPassword);
        user.UpdatedAt = time.GetUtcNow();
        // Sessions end inside the transaction, after the row is locked: if Redis fails, the password stays
        // the old one and the answer is 503, never a success that left other sessions alive (decision 0082).
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        await db.SaveChangesAsync(context.RequestAborted);
        var revoked = await store.RevokeAllForUserAsync(user.Id, exceptFamily: current.FamilyId);
        await transaction.CommitAsync(context.RequestAborted);
        AuthTelemetry.Revocations.Add(revoked);
        await audit.RecordAsync(context, AuditEventTypes.PasswordChange, AuditOutcomes.Success, subject, $"{revoked} other sessions ended");
        return new PasswordChangeResult(revoked);
    }
}
