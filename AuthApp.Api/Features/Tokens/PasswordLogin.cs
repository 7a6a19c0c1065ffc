using AuthApp.Api.Data;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Tokens;

/// <summary>Checks a username and password; upgrades an old-parameter hash on success.</summary>
public sealed partial class PasswordLogin(AuthDbContext db, PasswordHashing hashing, TimeProvider time, ILogger<PasswordLogin> logger)
{
    /// <summary>The user, or null for unknown user, wrong password or disabled account alike.</summary>
    public async Task<UserAccount?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var activity = AuthTelemetry.ActivitySource.StartActivity(AuthTelemetry.LoginActivity);
        var normalizedEmail = EmailAddress.Normalize(username);
        var user = username.Length <= UserLimits.EmailMaxLength
            ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken)
            : null;
        if (user is null)
        {
            // Hash anyway so an unknown email costs as long as a wrong password.
            hashing.VerifyDummy(password);
            return Fail("unknown_user", activity);
        }

        var result = hashing.Verify(user, password);
        if (result == PasswordVerificationResult.Failed) return Fail("wrong_password", activity);
        if (!user.IsActive) return Fail("inactive", activity);

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hashing.Hash(user, password);
            user.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogRehashed(logger, user.Id);
        }

        AuthTelemetry.Logins.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, "success"));
        activity?.SetTag(AuthTelemetry.OutcomeTag, "success");
        LogSucceeded(logger, user.Id);
        return user;
    }

    private UserAccount? Fail(string reason, System.Diagnostics.Activity? activity)
    {
        AuthTelemetry.Logins.Add(1, new KeyValuePair<string, object?>(AuthTelemetry.OutcomeTag, reason));
        activity?.SetTag(AuthTelemetry.OutcomeTag, reason);
        LogFailed(logger, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login succeeded for user {UserId}")]
    private static partial void LogSucceeded(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded the password hash of user {UserId} to the current parameters")]
    private static partial void LogRehashed(ILogger logger, Guid userId);
}
