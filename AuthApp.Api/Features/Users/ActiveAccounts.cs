using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Users;

/// <summary>
/// The account behind a token, read from PostgreSQL on every use (one primary-key lookup). Tokens
/// of a disabled or deleted account stop working at once, even when <c>is_active</c> is changed in
/// the database directly, and role changes apply to tokens already issued.
/// </summary>
public sealed class ActiveAccounts(AuthDbContext db)
{
    /// <summary>The account if it exists and is active; otherwise null.</summary>
    public Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).SingleOrDefaultAsync(cancellationToken);
}
