namespace AuthApp.Aspirate.Manifest;

// The part of Aspire's manifest format (aspire-8.0 schema, as Aspire 13 writes it) the generator reads.
// Values stay as manifest expressions ("{postgres.bindings.tcp.host}"); KubernetesValueResolver resolves them.

/// <summary>A manifest resource: its name (the key under <c>resources</c>) and its <c>type</c>.</summary>
internal abstract class ManifestResource(string name, string type)
{
    public string Name { get; } = name;

    public string Type { get; } = type;
}

/// <summary>A resource that runs (a container or a project): arguments, environment and endpoints.</summary>
internal abstract class ManifestWorkload(string name, string type) : ManifestResource(name, type)
{
    public string? ConnectionString { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables in manifest order; values are expressions.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Endpoints in manifest order.</summary>
    public IReadOnlyList<ManifestBinding> Bindings { get; init; } = [];
}

/// <summary><c>container.v0</c> / <c>container.v1</c> with an image.</summary>
internal sealed class ManifestContainer(string name, string type, string image) : ManifestWorkload(name, type)
{
    public string Image { get; } = image;

    public string? Entrypoint { get; init; }

    public IReadOnlyList<ManifestVolume> Volumes { get; init; } = [];
}

/// <summary><c>project.v0</c> / <c>project.v1</c>: a .NET project, published as a container image.</summary>
internal sealed class ManifestProject(string name, string type, string path) : ManifestWorkload(name, type)
{
    /// <summary>The csproj path as written (relative to the manifest's folder, '/' separated).</summary>
    public string Path { get; } = path;
}

/// <summary><c>value.v0</c>: a connection string or value built from other expressions (a database, a condition).</summary>
internal sealed class ManifestValue(string name, string type) : ManifestResource(name, type)
{
    public string? ConnectionString { get; init; }

    public string? Value { get; init; }
}

/// <summary><c>parameter.v0</c>: a value supplied at deployment; secret ones must never reach a ConfigMap.</summary>
internal sealed class ManifestParameter(string name, string type) : ManifestResource(name, type)
{
    public bool Secret { get; init; }

    /// <summary><c>inputs.value.default.value</c>: what a non-secret parameter is when nobody sets it.</summary>
    public string? DefaultValue { get; init; }

    /// <summary><c>inputs.value.default.generate.minLength</c> of a generated secret.</summary>
    public int? MinLength { get; init; }
}

/// <summary><c>annotated.string</c>: a value with a filter, e.g. a password URI-encoded for <c>*_URI</c> variables.</summary>
internal sealed class ManifestAnnotatedString(string name, string type, string value) : ManifestResource(name, type)
{
    public string Value { get; } = value;

    public string? Filter { get; init; }
}

/// <summary>One entry of a workload's <c>bindings</c>.</summary>
internal sealed record ManifestBinding(string Name, string Scheme, string Protocol, string Transport, int? Port, int? TargetPort, bool External);

/// <summary>One entry of a container's <c>volumes</c> (a named volume).</summary>
internal sealed record ManifestVolume(string Name, string Target, bool ReadOnly);
