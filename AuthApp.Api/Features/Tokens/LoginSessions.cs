using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Starts the session of a login that passed the password check, so that it can never carry an account state an
/// account change already replaced (decision 0082). An account change locks the row, rewrites or ends the user's
/// sessions and replaces the version stamp in Redis, then commits. Here the stamp is read first, then the row with
/// <c>FOR SHARE</c> (which waits for such a change to commit or roll back), and the session is stored only if the
/// stamp is unchanged. Whichever order the two run in, the stored session matches the committed row, or none is stored.
/// </summary>
public sealed class LoginSessions(AuthDbContext db, AccountVersions versions, TokenIssuer issuer)
{
    /// <summary>Changes arriving faster than this many retries make the login fail like a wrong password.</summary>
    private const int Attempts = 3;

    /// <summary>The new session's tokens; null when the account was disabled, deleted or given a new password meanwhile.</summary>
    public async Task<IssuedToken?> StartAsync(UserAccount verified, HttpContext context)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var version = await versions.ReadAsync(verified.Id);
            var current = await db.Users
                .FromSql($"SELECT * FROM users WHERE id = {verified.Id} FOR SHARE")
                .AsNoTracking()
                .SingleOrDefaultAsync(context.RequestAborted);
            // The password just checked must still be the account's: a change in between ends this login too.
            if (current is not { IsActive: true } || current.PasswordHash != verified.PasswordHash) return null;
            if (await issuer.IssueAsync(AccountSnapshot.From(current), version, context) is { } issued) return issued;
        }

        return null;
    }
}
