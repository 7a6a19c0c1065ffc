using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuthApp.Tests.Faults;
using AuthApp.Tests.Infrastructure;
using AuthApp.Tests.Publishing;

namespace AuthApp.Tests.Readme;

/// <summary>
/// The README runs as written: every shell example, in order, in one bash session, against the API as a real process
/// on a real port with the run's PostgreSQL and Redis (decision 0096). Blocks marked
/// <c>&lt;!-- readme-test: skip "reason" --&gt;</c> are listed with their reason, never silently left out.
/// </summary>
public sealed partial class ReadmeExamplesTests(TestServices services, ITestOutputHelper output)
{
    /// <summary>The address every example uses; checked against the API's fixed port by its own test below.</summary>
    private const string DocumentedBase = "http://localhost:5080";

    private const string AdminEmail = "admin@authapp.local";

    private static string Readme => Path.Combine(RepositoryPaths.Root, "README.md");

    [Fact]
    public async Task EveryShellExampleGivesTheDocumentedStatusAndShape()
    {
        var blocks = ReadmeExamples.Parse(await File.ReadAllTextAsync(Readme, TestContext.Current.CancellationToken));
        foreach (var skipped in blocks.Where(b => b.SkipReason is not null))
        {
            output.WriteLine($"skipped {skipped.Name} ({(skipped.Steps.Count > 0 ? skipped.Steps[0].FirstCommand : "")}): {skipped.SkipReason}");
        }

        var home = Directory.CreateTempSubdirectory("authapp-readme-").FullName;
        try
        {
            var adminPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await WriteAppHostUserSecretsAsync(home, adminPassword);
            await using var api = await KillableApi.StartAsync(ApiSettings(await services.Postgres.CreateDatabaseAsync(), adminPassword));
            var baseAddress = $"http://localhost:{api.Address.Port}";
            await using var shell = await ReadmeShell.StartAsync(home, new Dictionary<string, string> { ["B"] = baseAddress });

            var failures = new List<string>();
            var checkedResults = 0;
            foreach (var block in blocks.Where(b => b.SkipReason is null))
            {
                foreach (var step in block.Steps)
                {
                    var run = await shell.RunAsync(step.Commands.Replace(DocumentedBase, baseAddress, StringComparison.Ordinal), TimeSpan.FromMinutes(1));
                    var problems = Check(step, run).ToList();
                    if (step.Result is not null) checkedResults++;
                    var where = $"{block.Name}, step at line {step.Line} ({step.FirstCommand})";
                    output.WriteLine($"{(problems.Count == 0 ? "ok  " : "FAIL")} {where}: {step.Result?.Text ?? "setup, must succeed"}");
                    if (problems.Count == 0) continue;
                    var detail = $"{where}\n  expected: {step.Result?.Text ?? "every curl 2xx, exit code 0"}\n  "
                        + string.Join("\n  ", problems) + $"\n  output: {Shorten(run.Output)}" + (run.Errors.Length > 0 ? $"\n  stderr: {Shorten(run.Errors)}" : "");
                    output.WriteLine(detail);
                    failures.Add(detail);
                }
            }

            output.WriteLine($"{checkedResults} documented results checked, {blocks.Count(b => b.SkipReason is not null)} blocks skipped by marker.");
            Assert.True(failures.Count == 0, $"{failures.Count} README example(s) do not hold:\n\n" + string.Join("\n\n", failures));
            // A parser that found nothing would pass everything above.
            Assert.True(checkedResults >= 30, $"only {checkedResults} documented results were found in the README");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TheExamplesAddressIsTheApisFixedPort()
    {
        var readme = await File.ReadAllTextAsync(Readme, TestContext.Current.CancellationToken);
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "AuthApp.Api", "Properties", "launchSettings.json"), TestContext.Current.CancellationToken));
        // The AppHost's proxy for the api listens on the project's launch-profile port, as does `dotnet run`.
        Assert.Equal(DocumentedBase, (string?)profile!["profiles"]!["http"]!["applicationUrl"]);
        var addresses = BaseAssignment().Matches(readme).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal([DocumentedBase], addresses);
    }

    [Fact]
    public async Task TheExamplesUserSecretsPathIsTheAppHosts()
    {
        var readme = await File.ReadAllTextAsync(Readme, TestContext.Current.CancellationToken);
        var id = XDocument.Load(Path.Combine(RepositoryPaths.Root, "AuthApp.AppHost", "AuthApp.AppHost.csproj")).Descendants("UserSecretsId").Single().Value;
        var paths = SecretsPath().Matches(readme).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.Equal(id, path));
    }

    private Dictionary<string, string?> ApiSettings(string database, string adminPassword) => new()
    {
        // The API as "Running the API on its own" starts it: Development, so it migrates its empty database itself.
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings:authdb"] = database,
        ["ConnectionStrings:redis"] = services.Redis.ConnectionString + ",defaultDatabase=7",
        // The settings the README tells the reader to give: its introspection client and CORS origin.
        ["Auth:IntrospectionClients:orders-api"] = "orders-api-secret-change-me",
        ["Cors:AllowedOrigins:0"] = "http://localhost:3000",
        // What the AppHost passes from its parameters; default rate limits and lockout, as the examples show them.
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = adminPassword,
    };

    /// <summary>The file where `./run.sh` keeps the generated admin password, which the examples read with jq.</summary>
    private static async Task WriteAppHostUserSecretsAsync(string home, string adminPassword)
    {
        var id = XDocument.Load(Path.Combine(RepositoryPaths.Root, "AuthApp.AppHost", "AuthApp.AppHost.csproj")).Descendants("UserSecretsId").Single().Value;
        var folder = Directory.CreateDirectory(Path.Combine(home, ".microsoft", "usersecrets", id)).FullName;
        var secrets = new JsonObject { ["Parameters:admin-password"] = adminPassword };
        await File.WriteAllTextAsync(Path.Combine(folder, "secrets.json"), secrets.ToJsonString(), TestContext.Current.CancellationToken);
    }

    private static IEnumerable<string> Check(ReadmeStep step, StepOutput run)
    {
        switch (step.Result)
        {
            case null:
                if (run.ExitCode != 0) yield return $"exit code {run.ExitCode}";
                foreach (var status in run.Statuses.Where(s => s is < 200 or > 299)) yield return $"a curl got {status}";
                break;
            case StatusResult expected:
                if (run.Statuses.Count == 0) yield return "no curl answered";
                else if (run.Statuses[^1] != expected.Status) yield return $"status {run.Statuses[^1]}, not {expected.Status}";
                if (expected.Json is { } json)
                {
                    foreach (var difference in ExpectedJson.Differences(json, Body(run.Output))) yield return difference;
                }

                break;
            case PrintsResult printed:
                var text = run.Output.Replace("\r", "", StringComparison.Ordinal).Trim();
                var glob = "^" + string.Join(".*", printed.Text.Split('…').Select(Regex.Escape)) + "$";
                if (!Regex.IsMatch(text, glob, RegexOptions.Singleline)) yield return $"printed \"{Shorten(text)}\"";
                break;
        }
    }

    /// <summary>The body of an answer, also when an example shows the headers with <c>curl -i</c>.</summary>
    private static string Body(string output)
    {
        var text = output.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.StartsWith("HTTP/", StringComparison.Ordinal) && text.IndexOf("\n\n", StringComparison.Ordinal) is var end and >= 0 ? text[(end + 2)..] : text;
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    [GeneratedRegex(@"^\s*B=(\S+)", RegexOptions.Multiline)]
    private static partial Regex BaseAssignment();

    [GeneratedRegex(@"usersecrets/([^/\s]+)/secrets\.json")]
    private static partial Regex SecretsPath();
}
