using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Resources;

/// <summary>A Redis server (<c>AddRedis</c>).</summary>
public sealed class RedisResource : ContainerResource, IResourceWithConnectionString
{
    /// <summary>The endpoint name Aspire uses for Redis.</summary>
    public const string PrimaryEndpointName = "tcp";

    /// <summary>Creates the Redis resource.</summary>
    /// <param name="name">Resource name.</param>
    /// <param name="password">The <c>requirepass</c> parameter (no special characters).</param>
    public RedisResource(string name, ParameterResource password)
        : base(name)
    {
        PasswordParameter = password;
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
    }

    /// <summary>The password parameter.</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
