using AuthApp.Api.Features.Tokens;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Runs the options validators before the host starts, so a bad setting stops the service with
/// one line per problem (each naming its key) instead of an aggregate exception and stack trace.
/// </summary>
public static partial class StartupCheck
{
    /// <summary>False (after logging why, and flushing the log) when any setting is invalid.</summary>
    public static async Task<bool> ConfigurationIsValidAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            // Made now so that Development's "generated a key" warning shows at startup.
            _ = app.Services.GetRequiredService<TokenHasher>();
            return true;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApp.Api.Startup");
            foreach (var failure in Failures(ex)) LogInvalidSetting(logger, failure);
            // Disposing flushes the console logger, which writes from a background queue.
            await app.DisposeAsync();
            return false;
        }
    }

    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Startup stopped: {Problem}")]
    private static partial void LogInvalidSetting(ILogger logger, string problem);
}
