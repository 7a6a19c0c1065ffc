namespace AuthApp.Hosting.ApplicationModel;

/// <summary>Something whose value is known only at run time (a port, a password, a URL).</summary>
public interface IValueProvider
{
    /// <summary>The current value; throws when asked before the value exists.</summary>
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>Something the manifest writes as a placeholder, e.g. <c>{postgres.bindings.tcp.port}</c>.</summary>
public interface IManifestExpressionProvider
{
    /// <summary>The placeholder, braces included.</summary>
    string ValueExpression { get; }
}
