using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Checks a username and password behind the lockout (S12); upgrades an old-parameter hash on
/// success; audits every outcome (S18).
/// </summary>
public sealed partial class PasswordLogin(
    AuthDbContext db, PasswordHashing hashing, LoginThrottle throttle, IAuditLog audit, TimeProvider time, ILogger<PasswordLogin> logger)
{
    /// <summary>The user, or null for unknown user, wrong password, disabled or locked account alike (S4).</summary>
    public async Task<UserAccount?> AuthenticateAsync(string username, string password, HttpContext context)
    {
        using var activity = AuthTelemetry.ActivitySource.StartActivity(AuthTelemetry.LoginActivity);
        var cancellationToken = context.RequestAborted;
        var address = context.ClientAddressOf();
        var normalizedEmail = EmailAddress.Normalize(username);
        // Only a well-formed email is recorded as the subject: a password typed into the username field must not be.
        var attempted = EmailAddress.IsValid(username) ? normalizedEmail : null;
        if (await throttle.IsLockedAsync(normalizedEmail, address))
        {
            // Same work and answer as a wrong password, without checking it: guesses during a lock are wasted.
            hashing.VerifyDummy(password);
            return await FailAsync("locked", normalizedEmail, attempted, context, activity, countFailure: false);
        }

        var user = username.Length <= UserLimits.EmailMaxLength
            ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken)
            : null;
        if (user is null)
        {
            // Hash anyway so an unknown email costs as long as a wrong password.
            hashing.VerifyDummy(password);
            return await FailAsync("unknown_user", normalizedEmail, attempted, context, activity);
        }

        var result = hashing.Verify(user, password);
        if (result == PasswordVerificationResult.Failed) return await FailAsync("wrong_password", normalizedEmail, user.Id.ToString(), context, activity);
        if (!user.IsActive) return await FailAsync("inactive", normalizedEmail, user.Id.ToString(), context, activity);

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hashing.Hash(user, password);
            user.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogRehashed(logger, user.Id);
        }

        await throttle.ResetAsync(normalizedEmail);
        await audit.RecordAsync(new AuditEvent(AuditEventTypes.Login, AuditOutcomes.Success) { Actor = user.Id.ToString(), Subject = user.Id.ToString(), ClientAddress = address }, cancellationToken);
        AuthTelemetry.Logins.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, "success"));
        activity?.SetTag(AuthTelemetry.OutcomeTag, "success");
        LogSucceeded(logger, user.Id);
        return user;
    }

    private async Task<UserAccount?> FailAsync(
        string reason, string normalizedEmail, string? subject, HttpContext context, System.Diagnostics.Activity? activity, bool countFailure = true)
    {
        var address = context.ClientAddressOf();
        AuthTelemetry.Logins.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, reason));
        activity?.SetTag(AuthTelemetry.OutcomeTag, reason);
        LogFailed(logger, reason);
        await audit.RecordAsync(new AuditEvent(AuditEventTypes.Login, AuditOutcomes.Failure) { Subject = subject, ClientAddress = address, Detail = reason }, context.RequestAborted);
        if (!countFailure) return null;

        var outcome = await throttle.RecordFailureAsync(normalizedEmail, address);
        if (outcome.AccountLockedNow || outcome.AddressLockedNow)
        {
            var scope = outcome.AccountLockedNow ? "account" : "address";
            AuthTelemetry.Lockouts.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.ScopeTag, scope));
            await audit.RecordAsync(
                new AuditEvent(AuditEventTypes.Lockout, AuditOutcomes.Failure) { Subject = subject, ClientAddress = address, Detail = $"{scope} locked until {outcome.LockedUntil:O}" },
                context.RequestAborted);
            LogLocked(logger, scope, outcome.LockedUntil);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login succeeded for user {UserId}")]
    private static partial void LogSucceeded(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many failed logins: {Scope} locked until {LockedUntil}")]
    private static partial void LogLocked(ILogger logger, string scope, DateTimeOffset? lockedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded the password hash of user {UserId} to the current parameters")]
    private static partial void LogRehashed(ILogger logger, Guid userId);
}
