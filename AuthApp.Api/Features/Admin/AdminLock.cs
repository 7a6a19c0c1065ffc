using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// One PostgreSQL transaction-scoped advisory lock serialises every change that can add or remove
/// an admin (demote, disable, delete, bootstrap) across all API replicas, so two concurrent changes
/// can never both see "another admin remains" and leave none (S15).
/// </summary>
internal static class AdminLock
{
    /// <summary>Arbitrary, fixed: "AuthAppA" as a 64-bit number.</summary>
    private const long Key = 0x4175_7468_4170_7041;

    /// <summary>Begins a transaction and takes the lock; both end when the transaction does.</summary>
    public static async Task<IDbContextTransaction> BeginAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
        return transaction;
    }

    /// <summary>Whether an active admin other than <paramref name="userId"/> exists (call under the lock).</summary>
    public static Task<bool> AnotherActiveAdminExistsAsync(AuthDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id != userId && u.IsActive && u.Roles.Contains(RoleNames.Admin), cancellationToken);
}
