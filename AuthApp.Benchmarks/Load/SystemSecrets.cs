using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Benchmarks.Load;

/// <summary>
/// Reads an AppHost parameter of the running system through its application model (the same call shape as in
/// Aspire.Hosting), so the load benchmark can mint sessions the API accepts. The value stays in this process.
/// </summary>
internal static class SystemSecrets
{
    public static async Task<string> ParameterAsync(DistributedApplication app, string name)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException($"The AppHost parameter '{name}' has no value.");
    }
}
