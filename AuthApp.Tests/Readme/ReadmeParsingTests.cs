namespace AuthApp.Tests.Readme;

/// <summary>The README test's own reading of results and markers: each wildcard matches what it says and no more.</summary>
public sealed class ReadmeParsingTests
{
    [Theory]
    [InlineData("""{"a":"aat_…","n":900}""", """{"n":900,"a":"aat_xyz"}""")]
    [InlineData("""{"id":…,"more":true,…}""", """{"id":12,"more":true,"extra":[1]}""")]
    [InlineData("""{"errors":{"password":[…]}}""", """{"errors":{"password":["too short","common"]}}""")]
    [InlineData("""[{"id":"…"},{…}]""", """[{"id":"x"},{"id":"y","z":1}]""")]
    [InlineData("""{"items":[…]}""", """{"items":[]}""")]
    public void MatchingAnswersHaveNoDifferences(string pattern, string answer) =>
        Assert.Empty(ExpectedJson.Differences(pattern, answer));

    [Theory]
    [InlineData("""{"a":"aat_…"}""", """{"a":"art_x"}""", "$.a")]
    [InlineData("""{"a":"…"}""", """{"a":5}""", "a string was expected")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", "\"b\" is not in the README")]
    [InlineData("""{"a":1,…}""", """{"b":2}""", "\"a\" is missing")]
    [InlineData("""[{"id":"…"}]""", """[{"id":"x"},{"id":"y"}]""", "1 element(s) expected, got 2")]
    [InlineData("""{"n":900}""", """{"n":"900"}""", "Number 900 was expected")]
    [InlineData("""{"a":null}""", """not json""", "not JSON")]
    public void DifferingAnswersAreNamed(string pattern, string answer, string difference) =>
        Assert.Contains(ExpectedJson.Differences(pattern, answer), d => d.Contains(difference, StringComparison.Ordinal));

    [Fact]
    public void BlocksAreCutIntoStepsAtEachResultAndMarkersNameTheirBlock()
    {
        var blocks = ReadmeExamples.Parse("""
            ## Section

            ```sh
            X=$(curl -s $B/a)
            curl -s $B/b    # → 200 {"a":1}; words
            curl -s $B/c \
              -d x
            # → 400 {"items":[{"id":1,
            #         "b":2}],"total":1}
            echo done
            # prints: done
            ```

            <!-- readme-test: skip "needs a cluster" -->
            ```bash
            kubectl get pods
            ```

            ```text
            # → not a shell block
            ```
            """);

        Assert.Equal(2, blocks.Count);
        var steps = blocks[0].Steps;
        Assert.Equal(3, steps.Count);
        Assert.Equal(new StatusResult("200 {\"a\":1}; words", 200, "{\"a\":1}"), steps[0].Result);
        Assert.StartsWith("X=$(curl", steps[0].Commands, StringComparison.Ordinal);
        Assert.Equal("{\"items\":[{\"id\":1, \"b\":2}],\"total\":1}", Assert.IsType<StatusResult>(steps[1].Result).Json);
        Assert.Equal(new PrintsResult("done"), steps[2].Result);
        Assert.Equal("Section", blocks[0].Heading);
        Assert.Null(blocks[0].SkipReason);
        Assert.Equal("needs a cluster", blocks[1].SkipReason);
    }

    [Theory]
    [InlineData("<!-- readme-test: skip \"why\" -->\n\nSome words.\n\n```sh\nls\n```\n")]
    [InlineData("```sh\ncurl -s $B/x   # → Healthy\n```\n")]
    [InlineData("```sh\ncurl -s $B/x\n# → 200 {\"a\":[1,\n```\n")]
    public void AMarkerAwayFromItsBlockOrAnUnreadableResultStopsTheTest(string markdown) =>
        Assert.Throws<FormatException>(() => ReadmeExamples.Parse(markdown));

    private static readonly string[] Console =
    [
        "info: Host[0]", "      version 1.2", "info: Host[0]", "      starting", "warn: Keys[35]", "      No encryptor. Key {ab12} kept",
        "info: Host[0]", "      up at http://localhost:5080",
    ];

    [Theory]
    [InlineData("info: Host[0]\n      starting\n...\nwarn: Keys[35]\n      No encryptor. Key {…} kept\n...\n      up at http://localhost:5080")]
    [InlineData("...\nwarn: Keys[35]\n      No encryptor. Key {…} kept\ninfo: Host[0]\n      up at …")]
    public void DocumentedOutputMatchesRunsOfLinesInOrder(string documented) =>
        Assert.Empty(DocumentedOutput.Differences(documented, Console));

    [Theory]
    // A run of lines must stand together: the header of one entry and the message of another do not make a run.
    [InlineData("info: Host[0]\n      up at http://localhost:5081\nwarn: Keys[35]\n      No encryptor. Key {…} kept", "up at http://localhost:5081")]
    [InlineData("info: Host[0]\n      No encryptor. Key {…} kept", "\"info: Host[0]\" … \"No encryptor. Key {…} kept\" are not together")]
    // Order counts: a line that comes only before the run shown above it is missing.
    [InlineData("warn: Keys[35]\n      No encryptor. Key {…} kept\n...\ninfo: Host[0]\n      starting", "\"starting\" is not in the output")]
    // A warning the README does not show is named, even when everything shown is there.
    [InlineData("info: Host[0]\n      starting", "which the README's output does not show")]
    public void DocumentedOutputNamesWhatDiffers(string documented, string difference) =>
        Assert.Contains(DocumentedOutput.Differences(documented, Console), d => d.Contains(difference, StringComparison.Ordinal));
}
