using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// Creates the first admin from <see cref="BootstrapOptions"/> when no active admin exists, under the
/// admin advisory lock so replicas starting together create it once. Once any admin exists it does nothing.
/// </summary>
public sealed partial class AdminBootstrap(
    AuthDbContext db, UserRegistration registration, IAuditLog audit, IOptions<BootstrapOptions> options, ILogger<AdminBootstrap> logger)
{
    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return;

        await using var transaction = await AdminLock.BeginAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(u => u.IsActive && u.Roles.Contains(RoleNames.Admin), cancellationToken))
        {
            LogAdminExists(logger);
            return;
        }

        // An existing account with this email is never promoted: whoever registered it chose its password.
        var normalized = EmailAddress.Normalize(settings.AdminEmail!);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            LogEmailTaken(logger, settings.AdminEmail!);
            return;
        }

        // Inside the transaction: the row exists exactly when the admin does.
        var result = await registration.RegisterAsync(
            settings.AdminEmail!, settings.AdminPassword!, "Administrator", [RoleNames.Admin],
            user => audit.RecordAsync(
                new AuditEvent(AuditEventTypes.AdminBootstrap, AuditOutcomes.Success)
                {
                    Actor = AuditEventTypes.SystemActor, Subject = user.Id.ToString(), Detail = "created from Bootstrap:AdminEmail",
                },
                cancellationToken),
            cancellationToken,
            // The operator chose this address in the settings: it is verified.
            emailVerified: true);
        if (result.User is null) throw new InvalidOperationException("The bootstrap admin could not be created; check Bootstrap:AdminEmail and Bootstrap:AdminPassword.");
        await transaction.CommitAsync(cancellationToken);
        LogCreated(logger, settings.AdminEmail!);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap: an active admin exists; none created")]
    private static partial void LogAdminExists(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: no admin exists, but {Email} is already a non-admin account; it is not promoted. Create an admin another way or choose another Bootstrap:AdminEmail")]
    private static partial void LogEmailTaken(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap: created the admin {Email}")]
    private static partial void LogCreated(ILogger logger, string email);
}

/// <summary>The startup step <c>Program.cs</c> calls.</summary>
public static class AdminBootstrapStartup
{
    public static async Task BootstrapAdminAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAdminAsync(app.Lifetime.ApplicationStopping);
    }
}
