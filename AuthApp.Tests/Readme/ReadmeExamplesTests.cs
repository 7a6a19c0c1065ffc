using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Publishing;

namespace AuthApp.Tests.Readme;

/// <summary>
/// The README runs as written: every shell example, in order, in one bash session, against the system its
/// <c>./run.sh</c> line starts (the real AppHost, decision 0100; the examples' grammar is decision 0096). Blocks marked
/// <c>&lt;!-- readme-test: skip "reason" --&gt;</c>, and what the run cannot compare, are listed, never silently left out.
/// </summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed partial class ReadmeExamplesTests(ITestOutputHelper output)
{
    /// <summary>The address every example uses; checked against the API's fixed port by its own test below.</summary>
    private const string DocumentedBase = "http://localhost:5080";

    private const string RunScript = "./run.sh";

    private static string Readme => Path.Combine(RepositoryPaths.Root, "README.md");

    [Fact]
    public async Task EveryShellExampleGivesTheDocumentedStatusAndShape()
    {
        var markdown = await File.ReadAllTextAsync(Readme, TestContext.Current.CancellationToken);
        var blocks = ReadmeExamples.Parse(markdown);
        var outputs = ReadmeExamples.Outputs(markdown);
        foreach (var skipped in blocks.Where(b => b.SkipReason is not null))
        {
            output.WriteLine($"skipped {skipped.Name} ({(skipped.Steps.Count > 0 ? skipped.Steps[0].FirstCommand : "")}): {skipped.SkipReason}");
        }

        var clock = Stopwatch.StartNew();
        var home = Directory.CreateTempSubdirectory("authapp-readme-").FullName;
        ReadmeAppHost? appHost = null;
        try
        {
            await using var shell = await ReadmeShell.StartAsync(home, new Dictionary<string, string>());
            string? baseAddress = null;
            var failures = new List<string>();
            var checkedResults = 0;
            foreach (var block in blocks.Where(b => b.SkipReason is null))
            {
                foreach (var step in block.Steps)
                {
                    var where = $"{block.Name}, step at line {step.Line} ({step.FirstCommand})";
                    if (step.FirstCommand.StartsWith(RunScript, StringComparison.Ordinal))
                    {
                        // One start for every example, as a reader keeps one ./run.sh running in another terminal.
                        Assert.True(appHost is null, $"{where}: a second {RunScript}; the examples run against one start.");
                        appHost = await ReadmeAppHost.StartAsync(RunArguments(step), home);
                        output.WriteLine($"ok   {where}: the AppHost printed its summary after {clock.Elapsed.TotalSeconds:0} s");
                        baseAddress = SummaryUrl(appHost.Output, "api");
                        var problems = OutputProblems(outputs, appHost).ToList();
                        checkedResults += outputs.Count;
                        foreach (var problem in problems) output.WriteLine($"FAIL {problem}");
                        failures.AddRange(problems);
                        continue;
                    }

                    if (baseAddress is null && step.Commands.Contains(DocumentedBase, StringComparison.Ordinal))
                    {
                        failures.Add($"{where}: runs before the README's {RunScript} line, so nothing answers at {DocumentedBase}");
                        continue;
                    }

                    var commands = baseAddress is null ? step.Commands : step.Commands.Replace(DocumentedBase, baseAddress, StringComparison.Ordinal);
                    var run = await shell.RunAsync(commands, TimeSpan.FromMinutes(1));
                    var differences = Check(step, run).ToList();
                    if (step.Result is not null) checkedResults++;
                    output.WriteLine($"{(differences.Count == 0 ? "ok  " : "FAIL")} {where}: {step.Result?.Text ?? "setup, must succeed"}");
                    if (differences.Count == 0) continue;
                    var detail = $"{where}\n  expected: {step.Result?.Text ?? "every curl 2xx, exit code 0"}\n  "
                        + string.Join("\n  ", differences) + $"\n  output: {Shorten(run.Output)}" + (run.Errors.Length > 0 ? $"\n  stderr: {Shorten(run.Errors)}" : "");
                    output.WriteLine(detail);
                    failures.Add(detail);
                }
            }

            Assert.True(appHost is not null, $"The README has no runnable {RunScript} line, so its examples have nothing to run against.");
            foreach (var item in NotCompared) output.WriteLine($"not compared: {item}");
            output.WriteLine($"{checkedResults} documented results checked, {blocks.Count(b => b.SkipReason is not null)} blocks skipped by marker, {clock.Elapsed.TotalSeconds:0} s in all.");
            Assert.True(failures.Count == 0, $"{failures.Count} README example(s) do not hold:\n\n" + string.Join("\n\n", failures) + "\n\n" + appHost.Report());
            // A parser that found nothing would pass everything above.
            Assert.True(checkedResults >= 30, $"only {checkedResults} documented results were found in the README");
        }
        finally
        {
            if (appHost is not null) await appHost.DisposeAsync();
            // DCP outlives the AppHost by a few seconds and keeps its socket in this home.
            await ReadmeAppHost.NoProcessNamesAsync(home, TimeSpan.FromMinutes(1));
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
        // The README tells the reader to take B from the summary's api line: the summary it shows has that address.
        var summary = Assert.Single(ReadmeExamples.Outputs(readme)).Text.Split('\n');
        Assert.Equal(DocumentedBase, SummaryUrl(summary, "api"));
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

    /// <summary>What the run does not compare with the README, listed in the test output like the skipped blocks.</summary>
    private static readonly string[] NotCompared =
    [
        "the fixed ports: the run's ports (from the summary's api and web lines and the dashboard's sign-in line) are read as the launch profiles' (api 5080, web 5090, dashboard 18888); TheExamplesAddressIsTheApisFixedPort checks the README against those",
        "the dashboard's sign-in token (new on every run)",
        "the state folder: a throwaway one, shown as the README's /path/to/repo/.authapp",
        $"{RunScript}'s own steps (eng/prerequisites.sh, the build of `dotnet run`): the test runs the AppHost it built, with the launch profile's environment",
    ];

    /// <summary>The arguments after <c>./run.sh</c>, as bash would split them (the README's line has no quotes).</summary>
    private static string[] RunArguments(ReadmeStep step)
    {
        var line = step.FirstCommand;
        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0) line = line[..comment];
        Assert.True(line.IndexOfAny(['"', '\'', '$', '\\']) < 0, $"the {RunScript} line has quotes or expansions this test does not read: {line}");
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
    }

    /// <summary>The first URL on a line of the AppHost's summary (<c>  api          http://…</c>), as a reader takes it.</summary>
    private static string SummaryUrl(IReadOnlyList<string> console, string name)
    {
        var summary = console.SkipWhile(l => !l.Contains("AuthApp is up", StringComparison.Ordinal));
        return summary.Select(l => SummaryLine().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value == name)?.Groups[2].Value
            ?? throw new Xunit.Sdk.XunitException($"The AppHost's summary has no {name} line.");
    }

    /// <summary>The README's documented console output against the real one, what varies per run read as the README shows it.</summary>
    private static IEnumerable<string> OutputProblems(IReadOnlyList<ReadmeOutput> outputs, ReadmeAppHost appHost)
    {
        if (outputs.Count != 1)
        {
            yield return $"the README must show the AppHost's output once, in a text block marked <!-- readme-test: output -->; it has {outputs.Count}";
            yield break;
        }

        var documented = SignInToken().Replace(outputs[0].Text, "…");
        var ports = new (int Actual, int Documented)[]
        {
            (new Uri(SummaryUrl(appHost.Output, "api")).Port, ProfilePort("AuthApp.Api")),
            (new Uri(SummaryUrl(appHost.Output, "web")).Port, ProfilePort("AuthApp.Web")),
        };
        if (appHost.Output.Select(l => DashboardSignIn().Match(l)).FirstOrDefault(m => m.Success) is { } signIn)
        {
            ports = [.. ports, (int.Parse(signIn.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), ProfilePort("AuthApp.AppHost"))];
        }

        var console = appHost.Output.Select(line =>
        {
            foreach (var (actual, shown) in ports) line = line.Replace($"localhost:{actual}", $"localhost:{shown}", StringComparison.Ordinal);
            return line.Replace(appHost.StateDirectory, "/path/to/repo/.authapp", StringComparison.Ordinal);
        }).ToList();
        foreach (var difference in DocumentedOutput.Differences(documented, console, IsHealthCheckWait))
        {
            yield return $"README line {outputs[0].Line} (the AppHost's output): {difference}";
        }
    }

    /// <summary>
    /// A health check that found its resource still starting, which is how WaitFor waits on a loaded machine; the
    /// README's first-run paragraph explains it, and the summary comes only once every check passed (as FirstRunTests).
    /// </summary>
    private static bool IsHealthCheckWait(string header, string message) =>
        header.Contains("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", StringComparison.Ordinal)
        && message.Contains("with status Unhealthy", StringComparison.Ordinal);

    private static int ProfilePort(string project)
    {
        var profile = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, project, "Properties", "launchSettings.json")));
        return new Uri((string)profile!["profiles"]!["http"]!["applicationUrl"]!).Port;
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

    [GeneratedRegex(@"^\s+(api|web)\s+(http://\S+)")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"Login to the dashboard at http://localhost:(\d+)/")]
    private static partial Regex DashboardSignIn();

    [GeneratedRegex("(?<=login\\?t=)[0-9a-f]{32}")]
    private static partial Regex SignInToken();

    [GeneratedRegex(@"usersecrets/([^/\s]+)/secrets\.json")]
    private static partial Regex SecretsPath();
}
