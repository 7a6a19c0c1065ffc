namespace AuthApp.Hosting.ApplicationModel;

/// <summary>A network endpoint of a resource (Aspire's <c>bindings</c> in the manifest).</summary>
/// <param name="name">Endpoint name: <c>http</c>, <c>https</c> or <c>tcp</c>.</param>
/// <param name="uriScheme">URI scheme of the endpoint (<c>http</c>, <c>https</c>, <c>tcp</c>).</param>
/// <param name="targetPort">Port the process listens on inside its container; <c>null</c> for projects.</param>
/// <param name="port">Fixed host port, or <c>null</c> to take a free one at run time.</param>
public sealed class EndpointAnnotation(string name, string uriScheme, int? targetPort = null, int? port = null)
    : IResourceAnnotation
{
    /// <summary>Endpoint name (<c>http</c>, <c>https</c>, <c>tcp</c>).</summary>
    public string Name { get; } = name;

    /// <summary>URI scheme.</summary>
    public string UriScheme { get; } = uriScheme;

    /// <summary>Transport named in the manifest: <c>http</c> for http(s) endpoints, else <c>tcp</c>.</summary>
    public string Transport => UriScheme is "http" or "https" ? "http" : "tcp";

    /// <summary>Port inside the container (5432 for Postgres); <c>null</c> when the process picks it.</summary>
    public int? TargetPort { get; } = targetPort;

    /// <summary>Fixed host port, or <c>null</c> for a free one.</summary>
    public int? Port { get; set; } = port;

    /// <summary>Whether the endpoint is reachable from outside the application (ingress).</summary>
    public bool IsExternal { get; set; }

    /// <summary>Where the endpoint listens once running; set by the orchestrator.</summary>
    public AllocatedEndpoint? AllocatedEndpoint { get; set; }
}

/// <summary>The host and port an endpoint got at run time.</summary>
/// <param name="Host">Host name clients use (always <c>localhost</c> locally).</param>
/// <param name="Port">Port it listens on.</param>
/// <param name="UriScheme">URI scheme.</param>
public sealed record AllocatedEndpoint(string Host, int Port, string UriScheme)
{
    /// <summary><c>scheme://host:port</c>.</summary>
    public string Url => $"{UriScheme}://{Host}:{Port}";
}
