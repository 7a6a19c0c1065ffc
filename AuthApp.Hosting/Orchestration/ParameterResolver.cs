using AuthApp.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Gives every parameter its value: configuration <c>Parameters:&lt;name&gt;</c>, else the stored value,
/// else the default value, else a generated one (stored for the next run).
/// </summary>
internal sealed class ParameterResolver(IConfiguration configuration, ParameterStore store)
{
    public void Resolve(ParameterResource parameter)
    {
        parameter.Value = configuration[$"Parameters:{parameter.Name}"]
            ?? store.Get(parameter.Name)
            ?? parameter.DefaultValue
            ?? Generate(parameter);
    }

    private string Generate(ParameterResource parameter)
    {
        if (parameter.Generate is not { } rule)
        {
            throw new DistributedApplicationException(
                $"Parameter '{parameter.Name}' has no value. Set Parameters:{parameter.Name} in configuration " +
                $"(environment variable Parameters__{parameter.Name}).");
        }

        var value = ParameterGenerator.Generate(rule);
        store.Set(parameter.Name, value);
        return value;
    }
}
