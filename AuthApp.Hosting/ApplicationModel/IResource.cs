namespace AuthApp.Hosting.ApplicationModel;

/// <summary>A named part of the distributed application (a server, a database, a project, a parameter).</summary>
public interface IResource
{
    /// <summary>The resource name; unique in the model and used in environment variables and manifests.</summary>
    string Name { get; }

    /// <summary>Everything the builder API attached to this resource.</summary>
    IList<IResourceAnnotation> Annotations { get; }
}

/// <summary>Marker for metadata attached to a resource.</summary>
#pragma warning disable CA1040 // A marker interface is the point: annotations are typed metadata.
public interface IResourceAnnotation;
#pragma warning restore CA1040

/// <summary>A resource that lives inside another (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>The resource this one lives in.</summary>
    IResource Parent { get; }
}

/// <summary>A resource other resources can reference by connection string.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string, with placeholders resolvable at run time and in manifests.</summary>
    ReferenceExpression ConnectionStringExpression { get; }

    /// <summary>The name under <c>ConnectionStrings__</c> that referencing projects receive.</summary>
    string ConnectionStringEnvironmentName => Name;
}

/// <summary>A resource that receives environment variables.</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that exposes network endpoints.</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource that can be held until others are healthy or completed.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that receives command-line arguments.</summary>
public interface IResourceWithArgs : IResource;

/// <summary>Base class of every resource in the model.</summary>
public abstract class Resource(string name) : IResource
{
    /// <inheritdoc />
    public string Name { get; } = ResourceNames.Validate(name);

    /// <inheritdoc />
    public IList<IResourceAnnotation> Annotations { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}
