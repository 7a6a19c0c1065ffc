using System.Net;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>Each refusal the issue lists gets the standard OAuth error (RFC 6749 §4.1.2.1, §5.2), never tokens.</summary>
public sealed class RefusalTests(LiveIssuer issuer) : IClassFixture<LiveIssuer>
{
    [Fact]
    public async Task AnUnverifiedEmailIsSentBackWithAccessDenied()
    {
        var (_, email, password) = await issuer.CreateUserAsync(verified: false);
        using var flow = new CodeFlow(issuer.Address);
        var request = CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge);

        var outcome = await flow.AuthorizeAsync(request, email, password);

        Assert.NotNull(outcome.Redirect);
        Assert.StartsWith(CodeFlow.LoopbackRedirect, outcome.Redirect!.ToString(), StringComparison.Ordinal);
        Assert.Equal("access_denied", outcome.Query["error"]);
        Assert.Contains("not verified", outcome.Query["error_description"], StringComparison.Ordinal);
        Assert.Equal(request["state"], outcome.Query["state"]);
        Assert.False(outcome.Query.ContainsKey("code"));
    }

    [Fact]
    public async Task ADisabledAccountWithASignInCookieIsSentBackWithAccessDenied()
    {
        var (id, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        await flow.CodeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password);
        await SetActiveAsync(id, false);

        var outcome = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password);

        // The cookie still names the account, but the account is checked again: no code, the standard error.
        Assert.NotNull(outcome.Redirect);
        Assert.Equal("access_denied", outcome.Query["error"]);
        Assert.False(outcome.Query.ContainsKey("code"));
    }

    [Fact]
    public async Task ADisabledAccountCannotSignInOnTheFormAndGetsTheSameAnswerAsAWrongPassword()
    {
        var (id, email, password) = await issuer.CreateUserAsync();
        await SetActiveAsync(id, false);
        using var flow = new CodeFlow(issuer.Address);

        var disabled = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password);
        var wrong = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password + "x");

        Assert.Null(disabled.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, disabled.Status);
        Assert.Equal(wrong.Status, disabled.Status);
        Assert.Contains("role=\"alert\"", disabled.Body, StringComparison.Ordinal);
        Assert.Equal(ErrorText(wrong.Body), ErrorText(disabled.Body));
    }

    [Fact]
    public async Task AWrongRedirectUriIsRefusedOnTheIssuerWithoutRedirecting()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var request = CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge);
        request["redirect_uri"] = "https://attacker.example/callback";

        var outcome = await flow.AuthorizeAsync(request, email, password);

        // RFC 6749 §4.1.2.1: never redirect to an unregistered URI; the error is shown on the issuer.
        Assert.Null(outcome.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Contains("invalid_request", outcome.Body, StringComparison.Ordinal);
        Assert.Contains("redirect_uri", outcome.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoopbackRedirectWithAnotherPathIsRefused()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var request = CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge);
        request["redirect_uri"] = "http://127.0.0.1:43210/elsewhere";

        var outcome = await flow.AuthorizeAsync(request, email, password);

        Assert.Null(outcome.Redirect);
        Assert.Contains("invalid_request", outcome.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingPkceChallengeIsRefusedWithInvalidRequest()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var request = CodeFlow.KubectlRequest("");
        request.Remove("code_challenge");
        request.Remove("code_challenge_method");

        var outcome = await flow.AuthorizeAsync(request, email, password);

        // OpenIddict checks PKCE before it trusts the redirect URI, so the error is shown on the issuer, not sent back.
        AssertShownOnIssuer(outcome, "invalid_request", "code_challenge");
    }

    [Fact]
    public async Task APlainPkceChallengeIsRefusedWithInvalidRequest()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var (verifier, _) = CodeFlow.Pkce();

        var outcome = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(verifier, method: "plain"), email, password);

        AssertShownOnIssuer(outcome, "invalid_request", "'code_challenge_method' is not supported");
    }

    [Fact]
    public async Task AReplayedCodeIsRefusedWithInvalidGrantAndRevokesWhatItGave()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var (verifier, challenge) = CodeFlow.Pkce();
        var code = await flow.CodeAsync(CodeFlow.KubectlRequest(challenge), email, password);
        var (firstStatus, first) = await flow.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, firstStatus);

        var (replayStatus, replay) = await flow.RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, replayStatus);
        Assert.Equal("invalid_grant", replay.GetProperty("error").GetString());
        // RFC 6749 §4.1.2: the tokens the code gave are revoked too, so its refresh token no longer works.
        var (refreshStatus, refreshed) = await flow.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CodeFlow.KubectlClient,
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refreshStatus);
        Assert.Equal("invalid_grant", refreshed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AWrongCodeVerifierIsRefusedWithInvalidGrant()
    {
        var (_, email, password) = await issuer.CreateUserAsync();
        using var flow = new CodeFlow(issuer.Address);
        var (_, challenge) = CodeFlow.Pkce();
        var code = await flow.CodeAsync(CodeFlow.KubectlRequest(challenge), email, password);

        var (status, body) = await flow.RedeemAsync(code, CodeFlow.Pkce().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    private async Task SetActiveAsync(Guid id, bool active)
    {
        await using var db = issuer.Services.CreateDbContext();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, active), Cancel);
    }

    private static void AssertShownOnIssuer(AuthorizeOutcome outcome, string error, string description)
    {
        Assert.Null(outcome.Redirect);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, outcome.Status);
        // OpenIddict's plain-text error page: one "name:value" line per parameter.
        Assert.Contains($"error:{error}\n", outcome.Body, StringComparison.Ordinal);
        Assert.Contains(description, outcome.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", outcome.Body, StringComparison.Ordinal);
    }

    private static string ErrorText(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\">([^<]*)<").Groups[1].Value;
}
