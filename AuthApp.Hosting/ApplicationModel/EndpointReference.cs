namespace AuthApp.Hosting.ApplicationModel;

/// <summary>Which part of an endpoint a placeholder stands for.</summary>
public enum EndpointProperty
{
    /// <summary><c>scheme://host:port</c>.</summary>
    Url,

    /// <summary>Host name.</summary>
    Host,

    /// <summary>Published port.</summary>
    Port,

    /// <summary>Port the process listens on inside its container.</summary>
    TargetPort,
}

/// <summary>A reference to a named endpoint of a resource.</summary>
/// <param name="resource">The resource that owns the endpoint.</param>
/// <param name="endpointName">The endpoint's name (<c>http</c>, <c>tcp</c>…).</param>
public sealed class EndpointReference(IResourceWithEndpoints resource, string endpointName)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>The resource that owns the endpoint.</summary>
    public IResourceWithEndpoints Resource { get; } = resource;

    /// <summary>The endpoint's name.</summary>
    public string EndpointName { get; } = endpointName;

    /// <summary>The annotation describing the endpoint.</summary>
    public EndpointAnnotation Annotation => Resource.Annotations.OfType<EndpointAnnotation>()
        .SingleOrDefault(e => e.Name == EndpointName)
        ?? throw new InvalidOperationException($"Resource '{Resource.Name}' has no endpoint '{EndpointName}'.");

    /// <summary>A placeholder for one part of the endpoint.</summary>
    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    /// <summary>The URL placeholder.</summary>
    public string ValueExpression => Property(EndpointProperty.Url).ValueExpression;

    /// <summary>The allocated URL.</summary>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        Property(EndpointProperty.Url).GetValueAsync(cancellationToken);
}

/// <summary>One property of an endpoint, resolvable at run time and as a manifest placeholder.</summary>
/// <param name="endpoint">The endpoint.</param>
/// <param name="property">The property.</param>
public sealed class EndpointReferenceExpression(EndpointReference endpoint, EndpointProperty property)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>The endpoint.</summary>
    public EndpointReference Endpoint { get; } = endpoint;

    /// <summary>The property.</summary>
    public EndpointProperty Property { get; } = property;

    /// <inheritdoc />
    public string ValueExpression =>
        $"{{{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}.{Property.ToString().ToLowerInvariant() switch
        {
            "targetport" => "targetPort",
            var p => p,
        }}}}";

    /// <inheritdoc />
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var annotation = Endpoint.Annotation;
        var allocated = annotation.AllocatedEndpoint ?? throw new InvalidOperationException(
            $"Endpoint '{Endpoint.EndpointName}' of '{Endpoint.Resource.Name}' has no port yet.");
        return ValueTask.FromResult<string?>(Property switch
        {
            EndpointProperty.Url => allocated.Url,
            EndpointProperty.Host => allocated.Host,
            EndpointProperty.Port => allocated.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EndpointProperty.TargetPort => (annotation.TargetPort ?? allocated.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(cancellationToken)),
        });
    }
}
