using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Checks every setting before the host starts, so a bad one stops the service with one "Startup stopped: …" line per
/// problem (each naming its key) and exit code 1, instead of an exception and a stack trace.
/// </summary>
public static partial class StartupCheckExtensions
{
    /// <summary>
    /// False (after logging why, and flushing the log) when a value does not parse, a fixed port is taken, or
    /// <paramref name="validate"/> (the options validators) throws.
    /// </summary>
    public static async Task<bool> SettingsAreValidAsync(this WebApplication app, Action validate)
    {
        var problems = app.Services.GetServices<TypedSettings>().SelectMany(settings => settings.Problems(app.Configuration)).ToList();
        // Validators bind the options first, and binding throws on the values listed above: only run them without.
        if (problems.Count == 0)
        {
            try
            {
                validate();
            }
            catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
            {
                problems.AddRange(Failures(ex));
            }
        }

        if (problems.Count == 0) problems.AddRange(FixedPorts.Problems(app.Configuration));
        if (problems.Count == 0) return true;

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger($"{app.Environment.ApplicationName}.Startup");
        foreach (var problem in problems) LogStopped(logger, problem);
        // Disposing flushes the console logger, which writes from a background queue.
        await app.DisposeAsync();
        return false;
    }

    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Startup stopped: {Problem}")]
    private static partial void LogStopped(ILogger logger, string problem);
}
