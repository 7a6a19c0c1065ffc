using AuthApp.Api.Data;
using AuthApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthApp.Tests.Tokens;

/// <summary>S1: a hash made with older parameters is upgraded on the next successful login.</summary>
public sealed class PasswordRehashTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S1
    public async Task LoginUpgradesAHashMadeWithFewerIterations()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var oldHasher = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await using (var db = services.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, ApiClient.Cancel);
            user.PasswordHash = oldHasher.HashPassword(user, password);
            await db.SaveChangesAsync(ApiClient.Cancel);
        }

        var oldHash = await StoredHashAsync(email);
        await _client.LoginAsync(email, password);
        var newHash = await StoredHashAsync(email);

        Assert.NotEqual(oldHash, newHash);
        Assert.Equal(100_000u, Iterations(oldHash));
        Assert.Equal(210_000u, Iterations(newHash));
        Assert.NotEmpty(await _client.LoginAsync(email, password));
    }

    [Fact]
    public async Task LoginKeepsACurrentHashAsItIs()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var before = await StoredHashAsync(email);

        await _client.LoginAsync(email, password);

        Assert.Equal(before, await StoredHashAsync(email));
    }

    private async Task<string> StoredHashAsync(string email)
    {
        await using var db = services.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync(ApiClient.Cancel);
    }

    private static uint Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (uint)(bytes[5] << 24 | bytes[6] << 16 | bytes[7] << 8 | bytes[8]);
    }
}
