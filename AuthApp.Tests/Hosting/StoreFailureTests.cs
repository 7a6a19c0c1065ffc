using System.Net;
using System.Net.Http.Json;
using AuthApp.Api.Data;
using AuthApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>
/// Issue 11: a PostgreSQL error is answered as an outage (503, Retry-After) only when the server is out of reach
/// or out of resources; a refused value is the request's problem (400), so monitoring never sees a false outage.
/// </summary>
public sealed class StoreFailureTests(TestServices services)
{
    [Theory]
    [InlineData("08006")] // connection failure
    [InlineData("57P01")] // admin shutdown
    [InlineData("53300")] // too many connections
    public async Task AnUnreachableOrExhaustedDatabaseIsAnOutage(string sqlState)
    {
        using var response = await RegisterWhileTheStoreFailsAsync(sqlState);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Account store unavailable", problem.GetProperty("title").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("22021")] // invalid byte sequence (a NUL in text)
    [InlineData("22001")] // value too long for its column
    public async Task AValueTheDatabaseRefusesIsABadRequestNotAnOutage(string sqlState)
    {
        using var response = await RegisterWhileTheStoreFailsAsync(sqlState);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("unavailable", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task AnyOtherDatabaseErrorIsAGenericServerErrorNotAnOutage()
    {
        using var response = await RegisterWhileTheStoreFailsAsync("42P01"); // undefined table: our bug

        await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
    }

    /// <summary>Registers while the password hasher throws the server error, as a failing store call would.</summary>
    private async Task<HttpResponseMessage> RegisterWhileTheStoreFailsAsync(string sqlState)
    {
        await using var api = services.CreateApi(services: collection =>
            collection.Replace(ServiceDescriptor.Singleton<IPasswordHasher<UserAccount>>(new FailingHasher(sqlState))));
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel);
        await response.Content.LoadIntoBufferAsync(Cancel);
        return response;
    }

    private sealed class FailingHasher(string sqlState) : IPasswordHasher<UserAccount>
    {
        public string HashPassword(UserAccount user, string password) =>
            throw new PostgresException("refused by the test", "ERROR", "ERROR", sqlState);

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword) =>
            throw new PostgresException("refused by the test", "ERROR", "ERROR", sqlState);
    }
}
