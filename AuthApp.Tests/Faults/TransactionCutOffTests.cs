using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Faults;

/// <summary>
/// A transaction whose connection broke between two statements (PostgreSQL restarting): Npgsql refuses the next
/// statement with an InvalidOperationException, which must answer 503 like any outage, not 500 (seen once in
/// <see cref="PostgresRestartTests"/>, on a registration).
/// </summary>
public sealed class TransactionCutOffTests(TestServices services)
{
    [Fact]
    public async Task AStatementAfterTheServerEndedTheTransactionIsAnOutage()
    {
        await using var db = services.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(Cancel);
        Assert.False(StoreFailures.WasCutOff(transaction));

        await TerminateAsync(backend);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => db.Database.ExecuteSqlRawAsync("SELECT 1", Cancel));
        Assert.True(StoreFailures.WasCutOff(transaction));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.ExecuteSqlRawAsync("SELECT 1", Cancel));
        Assert.Equal(500, ApiExceptionHandler.Classify(refused).Status);
        Assert.Equal(503, ApiExceptionHandler.Classify(new StoreConnectionLostException(refused)).Status);
    }

    private async Task TerminateAsync(int backend)
    {
        await using var admin = new NpgsqlConnection(services.Postgres.ConnectionString("postgres"));
        await admin.OpenAsync(Cancel);
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend($1)", admin) { Parameters = { new() { Value = backend } } };
        await terminate.ExecuteNonQueryAsync(Cancel);
    }
}
