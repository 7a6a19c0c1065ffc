using AuthApp.Api.Features.Users;

namespace AuthApp.Tests.Users;

/// <summary>S2: the shipped blocklist loads and matches without regard to case.</summary>
public sealed class CommonPasswordsTests
{
    private static readonly CommonPasswords Passwords = new();

    [Fact]
    public void BlocklistFromZxcvbnIsLoaded() => Assert.InRange(Passwords.Count, 25_000, 35_000);

    [Theory]
    [InlineData("password1234")]
    [InlineData("QWERTYUIOP")]
    [InlineData("iloveyou")]
    public void CommonPasswordsAreListedInAnyCase(string password) => Assert.True(Passwords.Contains(password));

    [Fact]
    public void LongUncommonPassphraseIsNotListed() => Assert.False(Passwords.Contains("violet tractor singing under lamps"));
}
