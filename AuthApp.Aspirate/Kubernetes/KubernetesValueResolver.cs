using System.Globalization;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>A value as it appears in a pod spec, and the secret parameters it needs.</summary>
/// <param name="Text">Literal text; secret parameters appear as <c>$(Parameters__name)</c>.</param>
/// <param name="Secrets">Secret parameters referenced, in order.</param>
internal sealed record KubernetesValue(string Text, IReadOnlyList<ParameterResource> Secrets)
{
    /// <summary>Set when the whole value is exactly one secret parameter.</summary>
    public ParameterResource? SoleSecret { get; init; }
}

/// <summary>
/// Resolves model expressions for inside the cluster: a host is the Service name, a port the Service port,
/// a secret parameter a reference to an environment variable filled from the Secret (never a literal).
/// </summary>
internal static class KubernetesValueResolver
{
    /// <summary>Name of the helper variable a composed value expands with Kubernetes' <c>$(VAR)</c> syntax.</summary>
    public static string SecretVariable(ParameterResource parameter) => $"Parameters__{parameter.Name}";

    public static KubernetesValue Resolve(object value)
    {
        var secrets = new List<ParameterResource>();
        var text = ResolveText(value, secrets);
        return new KubernetesValue(text, secrets) { SoleSecret = value is ParameterResource { Secret: true } p ? p : null };
    }

    /// <summary>Port a resource's endpoint listens on inside its pod (and its Service port).</summary>
    public static int Port(IResource resource, EndpointAnnotation endpoint) =>
        resource is ProjectResource ? KubernetesPublishingOptions.ProjectPort
        : endpoint.TargetPort ?? throw new InvalidOperationException($"Endpoint '{endpoint.Name}' of '{resource.Name}' has no target port.");

    private static string ResolveText(object value, List<ParameterResource> secrets) => value switch
    {
        string text => text,
        ParameterResource { Secret: true } parameter => AddSecret(parameter, secrets),
        ParameterResource parameter => parameter.DefaultValue
            ?? throw new InvalidOperationException($"Parameter '{parameter.Name}' is neither secret nor has a default value; Kubernetes output needs one."),
        ConnectionStringReference reference => ResolveText(reference.Resource.ConnectionStringExpression, secrets),
        ReferenceExpression expression => string.Format(
            CultureInfo.InvariantCulture,
            expression.Format,
            expression.ValueProviders.Select(v => (object)ResolveText(v, secrets)).ToArray()),
        EndpointReference endpoint => Endpoint(endpoint, EndpointProperty.Url),
        EndpointReferenceExpression expression => Endpoint(expression.Endpoint, expression.Property),
        _ => throw new InvalidOperationException($"{value.GetType().Name} has no Kubernetes form."),
    };

    private static string AddSecret(ParameterResource parameter, List<ParameterResource> secrets)
    {
        if (!secrets.Contains(parameter))
        {
            secrets.Add(parameter);
        }

        return $"$({SecretVariable(parameter)})";
    }

    private static string Endpoint(EndpointReference endpoint, EndpointProperty property)
    {
        var port = Port(endpoint.Resource, endpoint.Annotation).ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            EndpointProperty.Host => endpoint.Resource.Name,
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            _ => $"{endpoint.Annotation.UriScheme}://{endpoint.Resource.Name}:{port}",
        };
    }
}
