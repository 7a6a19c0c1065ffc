using System.Net;
using System.Net.Http.Json;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Users;

/// <summary>S2: NIST SP 800-63B rules as the registration endpoint applies them.</summary>
public sealed class PasswordPolicyTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S2
    public async Task PasswordShorterThanFifteenCharactersIsRejected()
    {
        var detail = await RejectedPasswordDetailAsync("fourteen chars");
        Assert.Contains("at least 15", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordOfExactlyFifteenCharactersIsAccepted() =>
        await _client.RegisterAsync(password: "fifteen chars!!");

    [Fact] // S2
    public async Task PasswordOf128CharactersIsAcceptedAndWorks()
    {
        var password = string.Concat(Enumerable.Repeat("Tr0ub4dor&3-", 11))[..128];
        var (email, _, _) = await _client.RegisterAsync(password: password);
        Assert.NotEmpty(await _client.LoginAsync(email, password));
    }

    [Fact] // S2
    public async Task PasswordOf129CharactersIsRejectedNotTruncated()
    {
        var detail = await RejectedPasswordDetailAsync(new string('x', 100) + Guid.NewGuid().ToString("N")[..29]);
        Assert.Contains("at most 128", detail, StringComparison.Ordinal);
    }

    [Fact] // S2
    public async Task LengthCountsCodePointsSoEmojiPasswordsAreNotPenalised()
    {
        // 15 emoji are 30 UTF-16 units; 7 of them are 14 code points and too short.
        await _client.RegisterAsync(password: string.Concat(Enumerable.Repeat("🔐", 15)));
        var detail = await RejectedPasswordDetailAsync(string.Concat(Enumerable.Repeat("🔐", 7)));
        Assert.Contains("at least 15", detail, StringComparison.Ordinal);
    }

    [Fact] // S2
    public async Task PasswordIsVerifiedExactlyAsSentWithoutTrimming()
    {
        var password = "  spaces around me matter  ";
        var (email, _, _) = await _client.RegisterAsync(password: password);

        using var trimmed = await _client.PostTokenAsync(email, password.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, trimmed.StatusCode);
        Assert.NotEmpty(await _client.LoginAsync(email, password));
    }

    [Fact] // S2
    public async Task ComposedAndDecomposedAccentsAreTheSamePasswordAfterNfkc()
    {
        var composed = "café crème brûlée au lait";
        var (email, _, _) = await _client.RegisterAsync(password: composed);

        Assert.NotEmpty(await _client.LoginAsync(email, composed.Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact] // S2
    public async Task PasswordContainingTheEmailLocalPartIsRejected()
    {
        var local = $"rosalind{Guid.NewGuid():N}"[..14];
        using var response = await _client.PostAsJsonAsync("/users", new { email = $"{local}@example.com", password = $"my name is {local.ToUpperInvariant()}!" }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("local part", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact] // S2
    public async Task CommonPasswordIsRejectedWhenTheMinimumAllowsIt()
    {
        await using var api = services.CreateApi(settings => settings["Auth:Password:MinLength"] = "8");
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = "Password1234" }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("too common", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredMinimumLengthIsApplied()
    {
        await using var api = services.CreateApi(settings => settings["Auth:Password:MinLength"] = "20");
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = "nineteen characters" }, Cancel);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least 20", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<string> RejectedPasswordDetailAsync(string password)
    {
        using var response = await _client.PostAsJsonAsync("/users", new { email = FreshEmail(), password }, Cancel);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").GetProperty("password")[0].GetString()!;
    }
}
