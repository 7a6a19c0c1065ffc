using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The overlap of a PostgreSQL password rotation (decision 0094). A role has one password, so the switch cannot be
/// made at the same instant everywhere: a new connection that PostgreSQL refuses with the new password (the role is
/// not altered yet) or the current one is tried once more with the previous password, and then once more with the
/// current one, in case the role changed between the two. When all of that is refused, the secret folder is read
/// again at once rather than at its next poll (decision 0106), and a newer password found there is tried the same
/// way. Connections already open are never affected; only the open that would otherwise fail pays more attempts.
/// </summary>
internal sealed class PostgresPasswordFallback(SecretSetting password) : DbConnectionInterceptor
{
    private static readonly AsyncLocal<bool> UsePrevious = new();

    /// <summary>The password a physical connection opens with: the previous one only during the retry.</summary>
    public string? PasswordForThisOpen() => UsePrevious.Value && password.Previous is { } previous ? previous : password.Current;

    /// <summary>A data source whose every new physical connection asks <see cref="PasswordForThisOpen"/>.</summary>
    public NpgsqlDataSource CreateDataSource(string? connectionString)
    {
        // The password comes from the provider alone (Npgsql refuses both).
        var settings = new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty) { Password = null };
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        builder.UsePasswordProvider(_ => PasswordForThisOpen() ?? string.Empty, (_, _) => ValueTask.FromResult(PasswordForThisOpen() ?? string.Empty));
        return builder.Build();
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (result.IsSuppressed) return result;
        await OpenAsync(() => new ValueTask(connection.OpenAsync(cancellationToken)));
        // Opened here: EF must not open it again.
        return InterceptionResult.Suppress();
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (result.IsSuppressed) return result;
        // The delegate completes synchronously, so this does too: no thread waits on asynchronous work.
        OpenAsync(() =>
        {
            connection.Open();
            return ValueTask.CompletedTask;
        }).AsTask().GetAwaiter().GetResult();
        return InterceptionResult.Suppress();
    }

    private async ValueTask OpenAsync(Func<ValueTask> open)
    {
        try
        {
            await OpenWithOverlapAsync(open);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            // The folder may hold a newer password than this process has polled, and the role may have it already.
            if (!password.Reread()) throw;
            await OpenWithOverlapAsync(open);
        }
    }

    private async ValueTask OpenWithOverlapAsync(Func<ValueTask> open)
    {
        // Current, then previous, then current again: ALTER ROLE may land between the first two attempts.
        var attempts = password.Previous is null ? 1 : 3;
        for (var attempt = 0; ; attempt++)
        {
            UsePrevious.Value = attempt == 1;
            try
            {
                await open();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword && attempt < attempts - 1)
            {
            }
            finally
            {
                UsePrevious.Value = false;
            }
        }
    }
}
