namespace AuthApp.LocalServers;

/// <summary>
/// The installed redis-server run as an executable: same connection string shape, endpoint name and password
/// parameter as Aspire's <c>RedisResource</c>, so projects referencing it cannot tell.
/// </summary>
public sealed class LocalRedisResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    internal LocalRedisResource(string name, string redisServer, string folder, ParameterResource password)
        : base(name, redisServer, folder)
    {
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
        PasswordParameter = password;
        Folder = folder;
    }

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>The password (generated, letters and digits only, and kept in the AppHost's user secrets unless set).</summary>
    public ParameterResource PasswordParameter { get; }

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");

    /// <summary>The resource's folder: <c>redis.conf</c> and <c>data/</c>.</summary>
    internal string Folder { get; }

    internal string ConfigFile => Path.Combine(Folder, "redis.conf");
}
