using System.Data.Common;

namespace AuthApp.LocalServers;

/// <summary>A database on a <see cref="LocalPostgresResource"/>, created when the server is first healthy.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    /// <inheritdoc />
    public LocalPostgresResource Parent { get; } = parent;

    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};{new DbConnectionStringBuilder { ["Database"] = DatabaseName }.ConnectionString}");
}
