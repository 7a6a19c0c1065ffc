using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.Hosting;

/// <summary>A missing or malformed setting stops startup with a message naming it, never its value.</summary>
public sealed class StartupConfigurationTests(TestServices services)
{
    [Theory] // S17: the message never echoes a secret
    [InlineData("ConnectionStrings:authdb", null, "ConnectionStrings:authdb is missing")]
    [InlineData("ConnectionStrings:redis", null, "ConnectionStrings:redis is missing")]
    [InlineData("ConnectionStrings:authdb", "this is; not=valid;;=x", "ConnectionStrings:authdb is malformed")]
    [InlineData("ConnectionStrings:authdb", "Database=authdb;Password=hunter2-secret", "ConnectionStrings:authdb is malformed")]
    [InlineData("ConnectionStrings:redis", "password=hunter2-secret", "ConnectionStrings:redis is malformed")]
    [InlineData("Auth:TokenHashKey", null, "Auth:TokenHashKey is missing")]
    [InlineData("Auth:TokenHashKey", "c2hvcnQta2V5", "Auth:TokenHashKey is malformed")]
    [InlineData("Auth:TokenHashKey", "not base64 at all!", "Auth:TokenHashKey is malformed")]
    [InlineData("Auth:AccessTokenLifetime", "-00:01:00", "Auth:AccessTokenLifetime")]
    [InlineData("Auth:Password:Iterations", "100000", "Auth:Password:Iterations must be at least 210000")]
    [InlineData("Auth:Password:MinLength", "7", "Auth:Password:MinLength must be between 8 and 128")]
    [InlineData("Cors:AllowedOrigins:0", "*", "Cors:AllowedOrigins:0")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.test/path", "Cors:AllowedOrigins:0")]
    [InlineData("Auth:IntrospectionClients:orders-api", "short", "Auth:IntrospectionClients:orders-api")]
    public async Task BadSettingStopsStartupNamingTheSetting(string key, string? value, string expected)
    {
        await using var api = services.CreateApi(settings => settings[key] = value);

        Assert.ThrowsAny<Exception>(() => api.CreateClient()); // the server never started

        var problem = Assert.Single(api.Logs.Lines, line => line.Level == LogLevel.Critical).Message;
        Assert.StartsWith("Startup stopped: ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(services.Redis.Password, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(services.Postgres.Password, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessWithoutSettingsExitsWithOneLinePerMissingSettingAndNoStackTrace()
    {
        var result = await ApiProcess.RunAsync([], new Dictionary<string, string>());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings:authdb is missing: set it (environment: ConnectionStrings__authdb)", result.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:redis is missing", result.Output, StringComparison.Ordinal);
        Assert.Contains("Auth:TokenHashKey is missing", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentGeneratesAMissingTokenKeyWithAWarningAndMigratesAtStartup()
    {
        var freshDatabase = await services.Postgres.CreateDatabaseAsync();
        await using var api = services.CreateApi(
            settings =>
            {
                settings["Auth:TokenHashKey"] = null;
                settings["ConnectionStrings:authdb"] = freshDatabase;
            },
            environment: "Development");
        using var client = api.CreateClient();

        // Registration and login only work if startup created the schema in the fresh database.
        var (token, _, _) = await client.RegisterAndLoginAsync();
        using var me = await client.GetMeAsync(token);

        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(api.Logs.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && line.Message.Contains("Auth:TokenHashKey is not set", StringComparison.Ordinal));
    }
}
