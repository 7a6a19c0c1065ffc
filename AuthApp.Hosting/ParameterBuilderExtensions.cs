using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting;

/// <summary><c>AddParameter</c>: values from <c>Parameters:&lt;name&gt;</c>, optionally generated on first run.</summary>
public static class ParameterBuilderExtensions
{
    /// <summary>Adds a parameter that must be configured (<c>Parameters:&lt;name&gt;</c>) unless <paramref name="generate"/> is given.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, bool secret = false, GenerateParameterDefault? generate = null) =>
        builder.AddResource(new ParameterResource(name, secret, generate));

    /// <summary>Adds a parameter with a default value, overridable by <c>Parameters:&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, string value, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret) { DefaultValue = value });

    /// <summary>Adds a secret parameter generated on first run and kept across runs.</summary>
    internal static ParameterResource AddGeneratedParameter(
        this IDistributedApplicationBuilder builder, string name, GenerateParameterDefault generate)
    {
        var parameter = new ParameterResource(name, secret: true, generate) { IsAutoCreated = true };
        builder.AddResource(parameter);
        return parameter;
    }
}
