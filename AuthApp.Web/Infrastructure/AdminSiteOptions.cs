using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApp.Web.Infrastructure;

/// <summary>Settings of the admin site from the <c>AdminSite</c> section, plus <c>ConnectionStrings:redis</c>.</summary>
public sealed class AdminSiteOptions
{
    public const string Section = "AdminSite";

    /// <summary><c>AdminSite:ApiBaseAddress</c>: the API, found by service discovery. Default <c>https+http://api</c>.</summary>
    public Uri ApiBaseAddress { get; set; } = new("https+http://api");

    /// <summary>
    /// <c>AdminSite:RevalidationInterval</c>: how often a signed-in admin's token is checked against the API's
    /// <c>/users/me</c> (on requests and in a live page). Default 30 seconds.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Stops startup naming the bad key; connection strings are never echoed (they hold passwords).</summary>
internal sealed class AdminSiteOptionsValidator(IConfiguration configuration) : IValidateOptions<AdminSiteOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminSiteOptions options)
    {
        var failures = new List<string>();
        if (options.RevalidationInterval < TimeSpan.FromSeconds(1) || options.RevalidationInterval > TimeSpan.FromHours(1))
        {
            failures.Add("AdminSite:RevalidationInterval must be between 00:00:01 and 01:00:00.");
        }

        var redis = configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            failures.Add("ConnectionStrings:redis is missing: set it (environment: ConnectionStrings__redis); the site keeps its DataProtection keys there so replicas share cookies.");
        }
        else if (!TryParse(redis))
        {
            failures.Add("ConnectionStrings:redis is malformed: it is not a StackExchange.Redis connection string (host:port,password=…).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryParse(string value)
    {
        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
