using System.Net;
using System.Net.Http.Json;
using AuthApp.Api.Data;
using AuthApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>S13: every failure is a problem body; internals never leak.</summary>
public sealed class ErrorHandlingTests(TestServices services)
{
    [Fact]
    public async Task UnknownPathIsANotFoundProblem()
    {
        using var client = services.Api.CreateClient();

        using var response = await client.GetAsync("/no/such/thing", Cancel);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethodIsAMethodNotAllowedProblem()
    {
        using var client = services.Api.CreateClient();

        using var response = await client.DeleteAsync("/users/me", Cancel);

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact] // S13, S17
    public async Task UnexpectedFailureIsAGenericProblemWithoutInternals()
    {
        await using var api = services.CreateApi(services: collection =>
            collection.Replace(ServiceDescriptor.Singleton<IPasswordHasher<UserAccount>, ExplodingHasher>()));
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var raw = problem.GetRawText();
        Assert.Equal("An unexpected error occurred.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("hunter2", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("ExplodingHasher", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("at AuthApp", raw, StringComparison.Ordinal);
    }

    private sealed class ExplodingHasher : IPasswordHasher<UserAccount>
    {
        public string HashPassword(UserAccount user, string password) =>
            throw new InvalidOperationException("internal detail: Host=db;Password=hunter2");

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword) =>
            throw new InvalidOperationException("internal detail: Host=db;Password=hunter2");
    }
}
