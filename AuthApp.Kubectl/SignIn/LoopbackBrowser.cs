using System.Diagnostics;
using System.Net;
using System.Text;
using Duende.IdentityModel.OidcClient.Browser;

namespace AuthApp.Kubectl.SignIn;

/// <summary>
/// RFC 8252 loopback redirection: listens on <c>http://127.0.0.1:{port}/</c>, shows the authorization URL
/// (and opens the default browser unless told not to), and hands the callback's URL back to OidcClient.
/// </summary>
internal sealed class LoopbackBrowser(HttpListener listener, TextWriter prompt, bool openBrowser) : IBrowser
{
    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        await prompt.WriteLineAsync($"Sign in to AuthApp in your browser: {options.StartUrl}");
        if (openBrowser)
        {
            TryOpen(options.StartUrl);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            while (true)
            {
                var context = await listener.GetContextAsync().WaitAsync(timeout.Token);
                var callback = context.Request.Url;
                if (callback is null || callback.AbsolutePath != new Uri(options.EndUrl).AbsolutePath)
                {
                    // Browsers also ask for /favicon.ico and the like; only the redirect URI ends the wait.
                    await Answer(context.Response, HttpStatusCode.NotFound, "Not found.");
                    continue;
                }

                var signedIn = context.Request.QueryString["code"] is not null;
                await Answer(
                    context.Response,
                    HttpStatusCode.OK,
                    signedIn ? "Signed in. You can close this window and return to the terminal." : "Sign-in failed. Return to the terminal for details.");
                return new BrowserResult { ResultType = BrowserResultType.Success, Response = callback.ToString() };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BrowserResult { ResultType = BrowserResultType.Timeout, Error = "No sign-in arrived before the browser timeout." };
        }
    }

    private static async Task Answer(HttpListenerResponse response, HttpStatusCode status, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AuthApp kubectl sign-in</title></head><body><p>{WebUtility.HtmlEncode(message)}</p></body></html>");
        response.StatusCode = (int)status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private static void TryOpen(string url)
    {
        try
        {
            // The URL is printed above too, so a machine without a desktop browser still works.
            using var _ = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
        }
    }
}
