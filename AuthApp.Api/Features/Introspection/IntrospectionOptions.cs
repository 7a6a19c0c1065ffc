namespace AuthApp.Api.Features.Introspection;

/// <summary>The API clients allowed to call <c>/introspect</c>, from <c>Auth:IntrospectionClients</c>.</summary>
public sealed class IntrospectionOptions
{
    public const string Section = "Auth";

    /// <summary><c>Auth:IntrospectionClients:&lt;clientId&gt;</c> = that client's secret.</summary>
    public Dictionary<string, string> IntrospectionClients { get; set; } = new(StringComparer.Ordinal);
}
