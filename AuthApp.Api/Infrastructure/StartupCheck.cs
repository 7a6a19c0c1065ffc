using AuthApp.Api.Features.Tokens;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Checks every setting before the host starts (values that do not parse, the options validators, a taken fixed
/// port), so a bad setting stops the service with one line per problem instead of an exception and stack trace.
/// </summary>
public static class StartupCheck
{
    /// <summary>False (after logging why, and flushing the log) when any setting is invalid.</summary>
    public static Task<bool> ConfigurationIsValidAsync(this WebApplication app) =>
        app.SettingsAreValidAsync(() =>
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            // Made now so that Development's "generated a key" warning shows at startup.
            _ = app.Services.GetRequiredService<TokenHasher>();
        });
}
