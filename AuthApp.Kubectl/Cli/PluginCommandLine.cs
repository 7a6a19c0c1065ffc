using System.CommandLine;
using AuthApp.Kubectl.Credentials;
using AuthApp.Kubectl.SignIn;
using AuthApp.Kubectl.Tokens;

namespace AuthApp.Kubectl.Cli;

/// <summary>
/// The command line kubectl runs (<c>users[].user.exec.args</c>). Standard output carries only the ExecCredential;
/// everything meant for the person at the terminal goes to standard error.
/// </summary>
/// <param name="output">Where the ExecCredential JSON goes.</param>
/// <param name="error">Where prompts and errors go.</param>
/// <param name="environment">Reads environment variables (<c>KUBERNETES_EXEC_INFO</c>, <c>HOME</c>).</param>
internal sealed class PluginCommandLine(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public const string DefaultScopes = "openid email profile groups offline_access";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var parse = Build().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // Only errors, on standard error: kubectl would try to read anything on standard output as the credential.
                foreach (var parseError in parse.Errors)
                {
                    await error.WriteLineAsync($"authapp-kubectl: {parseError.Message}");
                }

                return 2;
            }

            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception exception) when (exception is PluginException or HttpRequestException or IOException or UnauthorizedAccessException)
        {
            // Messages name the step and the issuer's OAuth error, never a token.
            await error.WriteLineAsync($"authapp-kubectl: {exception.Message}");
            return 1;
        }
    }

    private RootCommand Build()
    {
        var issuerUrl = new Option<string>("--issuer-url")
        {
            Description = "AuthApp's issuer URL, exactly as the API server's --oidc-issuer-url (e.g. https://auth.books.test/).",
            Required = true,
        };
        issuerUrl.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValue(issuerUrl), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                result.AddError("--issuer-url must be an absolute https URL (http only for a loopback test issuer).");
            }
        });
        var clientId = new Option<string>("--client-id") { Description = "The OIDC client registered for kubectl.", DefaultValueFactory = _ => "kubectl" };
        var scopes = new Option<string>("--scopes") { Description = "Scopes to ask for, space-separated.", DefaultValueFactory = _ => DefaultScopes };
        var device = new Option<bool>("--device") { Description = "Sign in with the device authorization grant (RFC 8628): open the printed URL on any device." };
        var certificateAuthority = new Option<FileInfo>("--certificate-authority")
        {
            Description = "PEM file of a CA the issuer's TLS certificate chains to (e.g. minikube's generated CA), trusted besides the system's.",
        };
        var cacheDir = new Option<DirectoryInfo>("--cache-dir")
        {
            Description = "Token cache folder (owner-only).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Home(), ".kube", "cache", "authapp")),
        };
        var listenPort = new Option<int>("--listen-port")
        {
            Description = "Loopback port for the sign-in redirect http://127.0.0.1:<port>/ (default 0: any free port).",
            DefaultValueFactory = _ => 0,
        };
        listenPort.Validators.Add(result =>
        {
            if (result.GetValue(listenPort) is < 0 or > 65535)
            {
                result.AddError("--listen-port must be between 0 and 65535.");
            }
        });
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the sign-in URL without opening a browser." };

        var root = new RootCommand("kubectl credential plugin for AuthApp: prints a client.authentication.k8s.io/v1 ExecCredential holding an AuthApp id_token.")
        {
            issuerUrl, clientId, scopes, device, certificateAuthority, cacheDir, listenPort, noBrowser,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var request = ExecCredentialWriter.ReadRequest(environment(ExecCredentialWriter.ExecInfoVariable));
            var issuer = new IssuerSettings(
                parse.GetValue(issuerUrl)!,
                parse.GetValue(clientId)!,
                parse.GetValue(scopes)!,
                parse.GetValue(certificateAuthority)?.FullName);
            var provider = new CredentialProvider(
                issuer,
                new InteractiveSettings(parse.GetValue(device), parse.GetValue(listenPort), !parse.GetValue(noBrowser)),
                new TokenCache(parse.GetValue(cacheDir)!.FullName),
                error,
                Time);
            var (idToken, expiresAt) = await provider.GetAsync(cancellationToken);
            await output.WriteLineAsync(ExecCredentialWriter.Write(request, idToken, expiresAt));
            return 0;
        });
        return root;
    }

    private string Home() =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
