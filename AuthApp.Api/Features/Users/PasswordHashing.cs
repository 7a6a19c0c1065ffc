using System.Text;
using AuthApp.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace AuthApp.Api.Features.Users;

/// <summary>
/// ASP.NET Core Identity's PBKDF2-HMAC-SHA512 hasher, fed NFKC-normalised passwords so the same
/// password typed on different keyboards (composed or decomposed accents) verifies.
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<UserAccount> hasher)
{
    private static readonly UserAccount DummyUser = new() { Email = "", NormalizedEmail = "", PasswordHash = "" };

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(DummyUser, "dummy password for unknown users"));

    public static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);

    public string Hash(UserAccount user, string password) => hasher.HashPassword(user, Normalize(password));

    public PasswordVerificationResult Verify(UserAccount user, string password) =>
        hasher.VerifyHashedPassword(user, user.PasswordHash, Normalize(password));

    /// <summary>
    /// Spends the same time as <see cref="Verify"/> for a user that does not exist, so response
    /// time does not tell an attacker which emails have accounts (S4).
    /// </summary>
    public void VerifyDummy(string password) =>
        hasher.VerifyHashedPassword(DummyUser, _dummyHash.Value, Normalize(password));
}
