using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The issuer's few server-rendered pages: sign-in, device code entry and confirmation, signed out. Plain HTML with
/// labels, a language, and errors tied to their fields (<c>aria-describedby</c>, <c>aria-invalid</c>, <c>role="alert"</c>);
/// every value is HTML-encoded; no script.
/// </summary>
public static class OidcPages
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
        label{display:block;margin-top:1rem;font-weight:600}input[type=email],input[type=password],input[type=text]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
        button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a4262c;margin-top:.5rem}p.code{font-size:1.5rem;letter-spacing:.1em}
        """;

    public static IResult SignIn(string returnUrl, string antiforgeryToken, string? email = null, string? error = null, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        var describedBy = error is null ? "" : " aria-describedby=\"signin-error\" aria-invalid=\"true\"";
        html.Append("<h1>Sign in to AuthApp</h1>");
        if (error is not null) html.Append("<p id=\"signin-error\" class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        html.Append("<form method=\"post\" action=\"").Append(OidcPaths.SignIn).Append("\">")
            .Append(Hidden(AntiforgeryField, antiforgeryToken)).Append(Hidden("returnUrl", returnUrl))
            .Append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required")
            .Append(describedBy).Append(" value=\"").Append(Encode(email ?? "")).Append("\">")
            .Append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required")
            .Append(describedBy).Append('>')
            .Append("<button type=\"submit\">Sign in</button></form>");
        return Page("Sign in", html.ToString(), status);
    }

    /// <summary>Asks for the code shown on the device (RFC 8628 §3.3), or repeats it with an error.</summary>
    public static IResult EnterCode(string? error = null, int status = StatusCodes.Status200OK)
    {
        var describedBy = error is null ? "" : " aria-describedby=\"code-error\" aria-invalid=\"true\"";
        var html = new StringBuilder("<h1>Connect a device</h1>");
        if (error is not null) html.Append("<p id=\"code-error\" class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        html.Append("<form method=\"get\" action=\"/").Append(OidcPaths.Verify).Append("\">")
            .Append("<label for=\"user_code\">Code shown on your device</label>")
            .Append("<input id=\"user_code\" name=\"user_code\" type=\"text\" autocomplete=\"off\" autocapitalize=\"characters\" required").Append(describedBy).Append('>')
            .Append("<button type=\"submit\">Continue</button></form>");
        return Page("Connect a device", html.ToString(), status);
    }

    /// <summary>Confirms the device before it gets tokens: a code typed from a stranger's message must not connect silently.</summary>
    public static IResult ConfirmDevice(string userCode, string clientName, string email, string antiforgeryToken)
    {
        var html = new StringBuilder("<h1>Connect a device</h1>")
            .Append("<p>Signed in as <strong>").Append(Encode(email)).Append("</strong>.</p>")
            .Append("<p>Allow <strong>").Append(Encode(clientName)).Append("</strong> on the device showing this code to act as you?</p>")
            .Append("<p class=\"code\">").Append(Encode(userCode)).Append("</p>")
            .Append("<form method=\"post\" action=\"/").Append(OidcPaths.Verify).Append("\">")
            .Append(Hidden(AntiforgeryField, antiforgeryToken)).Append(Hidden("user_code", userCode))
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
        return Page("Connect a device", html.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Message(string title, string text, int status = StatusCodes.Status200OK) =>
        Page(title, $"<h1>{Encode(title)}</h1><p role=\"status\">{Encode(text)}</p>", status);

    private static ContentHttpResult Page(string title, string body, int status) => TypedResults.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{Encode(title)} · AuthApp</title><style>{Style}</style></head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{Encode(value)}\">";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
