using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The overlap of a PostgreSQL password rotation (decision 0094). A role has one password, so the switch cannot be
/// made at the same instant everywhere: a new connection that PostgreSQL refuses with the new password (the role is
/// not altered yet) or the current one is tried once more with the previous password, and then once more with the
/// current one, in case the role changed between the two. Connections already open are
/// never affected; only the open that would otherwise fail pays a second attempt.
/// </summary>
internal sealed class PostgresPasswordFallback(SecretSetting password) : DbConnectionInterceptor
{
    private static readonly AsyncLocal<bool> UsePrevious = new();

    /// <summary>The password a physical connection opens with: the previous one only during the retry.</summary>
    public string? PasswordForThisOpen() => UsePrevious.Value && password.Previous is { } previous ? previous : password.Current;

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (result.IsSuppressed || password.Previous is null) return result;
        // Current, then previous, then current again: ALTER ROLE may land between the first two attempts.
        for (var attempt = 0; ; attempt++)
        {
            UsePrevious.Value = attempt == 1;
            try
            {
                await connection.OpenAsync(cancellationToken);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword && attempt < 2)
            {
            }
            finally
            {
                UsePrevious.Value = false;
            }
        }

        // Opened here: EF must not open it again.
        return InterceptionResult.Suppress();
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (result.IsSuppressed || password.Previous is null) return result;
        for (var attempt = 0; ; attempt++)
        {
            UsePrevious.Value = attempt == 1;
            try
            {
                connection.Open();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword && attempt < 2)
            {
            }
            finally
            {
                UsePrevious.Value = false;
            }
        }

        return InterceptionResult.Suppress();
    }
}
