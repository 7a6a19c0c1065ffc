using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Resources;

/// <summary>A PostgreSQL server (<c>AddPostgres</c>).</summary>
public sealed class PostgresServerResource : ContainerResource, IResourceWithConnectionString
{
    /// <summary>The endpoint name Aspire uses for Postgres.</summary>
    public const string PrimaryEndpointName = "tcp";

    /// <summary>Creates the server resource.</summary>
    /// <param name="name">Resource name.</param>
    /// <param name="password">The superuser password parameter.</param>
    public PostgresServerResource(string name, ParameterResource password)
        : base(name)
    {
        PasswordParameter = password;
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
    }

    /// <summary>The superuser name.</summary>
    public string UserName => "postgres";

    /// <summary>The superuser password.</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>Databases added with <c>AddDatabase</c>: resource name to database name.</summary>
    public IDictionary<string, string> Databases { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");
}

/// <summary>A database on a PostgreSQL server (<c>AddDatabase</c>).</summary>
/// <param name="name">Resource name.</param>
/// <param name="databaseName">Database name on the server.</param>
/// <param name="parent">The server.</param>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent, IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>Database name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The server.</summary>
    public PostgresServerResource Server { get; } = parent;

    /// <inheritdoc />
    public IResource Parent => Server;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new ConnectionStringReference(Server)};Database={DatabaseName}");
}
