using AuthApp.Api.Data;
using AuthApp.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthApp.Api.Features.Users;

/// <summary>The outcome of a registration: the new user, validation errors, or a taken email.</summary>
public sealed record RegistrationResult(UserAccount? User, Dictionary<string, string[]>? Errors, bool EmailTaken);

/// <summary>Validates and stores a new account (shared by <c>/users</c> and <c>/accounts/</c>).</summary>
public sealed partial class UserRegistration(
    AuthDbContext db, PasswordPolicy policy, PasswordHashing hashing, TimeProvider time, ILogger<UserRegistration> logger)
{
    public Task<RegistrationResult> RegisterAsync(
        string email, string password, string? displayName, Func<UserAccount, Task> recordCreated, CancellationToken cancellationToken) =>
        RegisterAsync(email, password, displayName, [], recordCreated, cancellationToken);

    /// <summary>
    /// Registers with roles already set (admin-created accounts and the bootstrap admin). <paramref name="recordCreated"/>
    /// writes the audit row in the same transaction as the account: a crash between the two can leave neither or both,
    /// never an account without its record (S18).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(
        string email, string password, string? displayName, IReadOnlyList<string> roles, Func<UserAccount, Task> recordCreated,
        CancellationToken cancellationToken, bool emailVerified = false)
    {
        var errors = Validate(email, password, displayName);
        if (errors.Count > 0) return new RegistrationResult(null, errors, false);

        var now = time.GetUtcNow();
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(now),
            Email = email,
            NormalizedEmail = EmailAddress.Normalize(email),
            DisplayName = displayName,
            PasswordHash = "",
            Roles = [.. roles],
            EmailVerified = emailVerified,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = hashing.Hash(user, password);
        db.Users.Add(user);
        // The bootstrap admin arrives inside a transaction of its own; anyone else gets one here.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await recordCreated(user);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The unique index on normalized_email decides races between two registrations.
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, null, true);
        }
        catch (InvalidOperationException cutOff) when (transaction is not null && StoreFailures.WasCutOff(transaction))
        {
            // Seen once while PostgreSQL restarted: the audit insert found the transaction already gone.
            throw new StoreConnectionLostException(cutOff);
        }

        AuthTelemetry.Registrations.Add(1);
        LogRegistered(logger, user.Id);
        return new RegistrationResult(user, null, false);
    }

    private Dictionary<string, string[]> Validate(string email, string password, string? displayName)
    {
        var errors = new Dictionary<string, string[]>();
        if (EmailProblem(email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }
        else if (policy.Check(password, email) is { } problem)
        {
            errors["password"] = [problem];
        }

        if (DisplayNameProblem(displayName) is { } nameProblem)
        {
            errors["displayName"] = [nameProblem];
        }

        return errors;
    }

    /// <summary>Why an email is refused, or null; shared with the admin API's edits.</summary>
    public static string? EmailProblem(string email) => EmailAddress.IsValid(email)
        ? null
        : $"The email must be one address like name@example.com, at most {UserLimits.EmailMaxLength} characters, without spaces.";

    /// <summary>Why a display name is refused, or null; shared with the admin API's edits.</summary>
    public static string? DisplayNameProblem(string? displayName) =>
        displayName is not null && (displayName.Length > UserLimits.DisplayNameMaxLength || displayName.Any(char.IsControl))
            ? $"The display name must be at most {UserLimits.DisplayNameMaxLength} characters, without control characters."
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered user {UserId}")]
    private static partial void LogRegistered(ILogger logger, Guid userId);
}
