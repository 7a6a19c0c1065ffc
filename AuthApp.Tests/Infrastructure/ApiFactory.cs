using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.Infrastructure;

/// <summary>The API in-process, configured only through its real configuration keys.</summary>
public sealed class ApiFactory(
    Dictionary<string, string?> settings, string environment, TimeProvider? time, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Every log line the API wrote, for tests that check what is (not) logged.</summary>
    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            if (value is not null) builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(collection =>
        {
            if (time is not null) collection.Replace(ServiceDescriptor.Singleton(time));
            services?.Invoke(collection);
        });
    }
}
