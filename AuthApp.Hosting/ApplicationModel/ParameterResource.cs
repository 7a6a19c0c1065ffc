namespace AuthApp.Hosting.ApplicationModel;

/// <summary>
/// A value supplied from configuration (<c>Parameters:&lt;name&gt;</c>) or generated on first run and kept.
/// </summary>
public sealed class ParameterResource : Resource, IValueProvider, IManifestExpressionProvider
{
    private string? _value;

    /// <summary>Creates a parameter.</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="secret">Whether the value is a secret (masked, kept only in Secrets).</param>
    /// <param name="generate">How to generate a value when none is configured; <c>null</c> means it must be configured.</param>
    public ParameterResource(string name, bool secret, GenerateParameterDefault? generate = null)
        : base(name)
    {
        Secret = secret;
        Generate = generate;
    }

    /// <summary>Whether the value is a secret.</summary>
    public bool Secret { get; }

    /// <summary>How a missing value is generated, if it may be.</summary>
    public GenerateParameterDefault? Generate { get; }

    /// <summary>The value used when none is configured (Aspire's <c>AddParameter(name, value)</c>).</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Whether the builder created this parameter on its own (e.g. a server password).</summary>
    public bool IsAutoCreated { get; init; }

    /// <inheritdoc />
    public string ValueExpression => $"{{{Name}.value}}";

    /// <summary>The resolved value; set by the orchestrator before anything that uses it starts.</summary>
    public string Value
    {
        get => _value ?? throw new InvalidOperationException($"Parameter '{Name}' has no value yet.");
        set => _value = value;
    }

    /// <summary>Whether a value has been resolved.</summary>
    public bool HasValue => _value is not null;

    /// <inheritdoc />
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Value);
}

/// <summary>Aspire's <c>generate</c> default: a random string of at least <see cref="MinLength"/> characters.</summary>
public sealed record GenerateParameterDefault
{
    /// <summary>Minimum length (Aspire's default is 22).</summary>
    public int MinLength { get; init; } = 22;

    /// <summary>Whether special characters may appear (false for Redis: its connection strings cannot hold commas).</summary>
    public bool Special { get; init; } = true;
}
