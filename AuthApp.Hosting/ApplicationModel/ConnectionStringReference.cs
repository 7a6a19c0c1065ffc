namespace AuthApp.Hosting.ApplicationModel;

/// <summary>A resource's connection string as a whole: <c>{name.connectionString}</c> in manifests.</summary>
/// <param name="resource">The resource.</param>
public sealed class ConnectionStringReference(IResourceWithConnectionString resource)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>The resource.</summary>
    public IResourceWithConnectionString Resource { get; } = resource;

    /// <inheritdoc />
    public string ValueExpression => $"{{{Resource.Name}.connectionString}}";

    /// <inheritdoc />
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
}
