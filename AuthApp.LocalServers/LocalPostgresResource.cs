namespace AuthApp.LocalServers;

/// <summary>
/// The installed PostgreSQL server run as an executable: same connection string shape, endpoint name and
/// password parameter as Aspire's <c>PostgresServerResource</c>, so projects referencing it cannot tell.
/// </summary>
public sealed class LocalPostgresResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string UserName = "postgres";

    internal LocalPostgresResource(string name, ParameterResource password, PostgresDataFolder dataFolder)
        : base(name, "/bin/sh", dataFolder.Folder)
    {
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
        PasswordParameter = password;
        DataFolder = dataFolder;
    }

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>The superuser's password (generated and kept in the AppHost's user secrets unless set).</summary>
    public ParameterResource PasswordParameter { get; }

    /// <summary>The databases created on the server once it is healthy, by resource name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal PostgresDataFolder DataFolder { get; }

    /// <summary>Set before each start: the binaries matching the data folder's major version.</summary>
    internal string? BinaryDirectory { get; set; }

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    internal void AddDatabase(string name, string databaseName) => _databases.TryAdd(name, databaseName);
}
