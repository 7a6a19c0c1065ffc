using System.Buffers.Text;
using System.Text;
using AuthApp.Kubectl.Tokens;

namespace AuthApp.Tests.Kubectl;

/// <summary>The plugin tells kubectl when the id_token expires: its <c>exp</c> claim.</summary>
public sealed class IdTokenExpiryTests
{
    [Fact]
    public void ExpiryIsTheExpClaim()
    {
        var token = Jwt("""{"sub":"1","exp":1795930205}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795930205), IdTokenExpiry.Read(token));
    }

    [Theory]
    [InlineData("""{"sub":"1"}""")]
    [InlineData("""{"exp":"soon"}""")]
    public void ATokenWithoutANumericExpHasNoExpiry(string payload) => Assert.Null(IdTokenExpiry.Read(Jwt(payload)));

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.!!!.c")]
    public void SomethingThatIsNotAJwtHasNoExpiry(string token) => Assert.Null(IdTokenExpiry.Read(token));

    private static string Jwt(string payload) =>
        $"{Base64Url.EncodeToString("""{"alg":"RS256"}"""u8)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.c2ln";
}
