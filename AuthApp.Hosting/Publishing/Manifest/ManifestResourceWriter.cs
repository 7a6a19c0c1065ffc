using System.Text.Json;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Publishing.Manifest;

/// <summary>Writes one resource entry of the manifest and remembers which parameters it referenced.</summary>
internal sealed class ManifestResourceWriter(Utf8JsonWriter writer, string manifestDirectory)
{
    private readonly List<ParameterResource> _referenced = [];

    /// <summary>Parameters in the order the written entries first referenced them.</summary>
    public IReadOnlyList<ParameterResource> ReferencedParameters => _referenced;

    public void Write(IResource resource)
    {
        writer.WriteStartObject(resource.Name);
        switch (resource)
        {
            case ContainerResource container:
                WriteContainer(container);
                break;
            case ProjectResource project:
                WriteProject(project);
                break;
            case ParameterResource parameter:
                WriteParameter(parameter);
                break;
            case IResourceWithConnectionString valueResource:
                writer.WriteString("type", "value.v0");
                WriteConnectionString(valueResource);
                break;
            default:
                throw new InvalidOperationException($"The manifest publisher does not know resource '{resource.Name}' ({resource.GetType().Name}).");
        }

        writer.WriteEndObject();
    }

    private void WriteContainer(ContainerResource container)
    {
        writer.WriteString("type", "container.v0");
        if (container is IResourceWithConnectionString withConnectionString)
        {
            WriteConnectionString(withConnectionString);
        }

        writer.WriteString("image", PublishedResource.Image(container));
        if (PublishedResource.Entrypoint(container) is { } entrypoint)
        {
            writer.WriteString("entrypoint", entrypoint);
        }

        WriteArgs(container);
        var volumes = container.Annotations.OfType<VolumeAnnotation>().ToList();
        if (volumes.Count > 0)
        {
            writer.WriteStartArray("volumes");
            foreach (var volume in volumes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", volume.Name);
                writer.WriteString("target", volume.Target);
                writer.WriteBoolean("readOnly", false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteEnvironment(container);
        WriteBindings(container);
    }

    private void WriteProject(ProjectResource project)
    {
        writer.WriteString("type", "project.v0");
        writer.WriteString("path", Path.GetRelativePath(manifestDirectory, project.ProjectPath).Replace('\\', '/'));
        WriteArgs(project);
        WriteEnvironment(project);
        WriteBindings(project);
    }

    private void WriteParameter(ParameterResource parameter)
    {
        writer.WriteString("type", "parameter.v0");
        writer.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        writer.WriteStartObject("inputs");
        writer.WriteStartObject("value");
        writer.WriteString("type", "string");
        if (parameter.Secret)
        {
            writer.WriteBoolean("secret", true);
        }

        if (parameter.DefaultValue is not null)
        {
            writer.WriteStartObject("default");
            writer.WriteString("value", parameter.DefaultValue);
            writer.WriteEndObject();
        }
        else if (parameter.Generate is { } generate)
        {
            writer.WriteStartObject("default");
            writer.WriteStartObject("generate");
            writer.WriteNumber("minLength", generate.MinLength);
            if (!generate.Special)
            {
                writer.WriteBoolean("special", false);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void WriteConnectionString(IResourceWithConnectionString resource) =>
        writer.WriteString("connectionString", Expression(resource.ConnectionStringExpression));

    private void WriteArgs(IResource resource)
    {
        var args = PublishedResource.Args(resource);
        if (args.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("args");
        foreach (var arg in args)
        {
            writer.WriteStringValue(arg);
        }

        writer.WriteEndArray();
    }

    private void WriteEnvironment(IResource resource)
    {
        var env = PublishedResource.Environment(resource);
        if (env.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("env");
        foreach (var (name, value) in env)
        {
            writer.WriteString(name, value is string text ? text : Expression(value));
        }

        writer.WriteEndObject();
    }

    private void WriteBindings(IResource resource)
    {
        var endpoints = PublishedResource.Endpoints(resource);
        if (endpoints.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("bindings");
        foreach (var endpoint in endpoints)
        {
            writer.WriteStartObject(endpoint.Name);
            writer.WriteString("scheme", endpoint.UriScheme);
            writer.WriteString("protocol", "tcp");
            writer.WriteString("transport", endpoint.Transport);
            // Aspire leaves out an exposed port equal to the target port.
            if (endpoint.Port is { } port && port != endpoint.TargetPort)
            {
                writer.WriteNumber("port", port);
            }

            if (endpoint.TargetPort is { } targetPort)
            {
                writer.WriteNumber("targetPort", targetPort);
            }

            if (endpoint.IsExternal)
            {
                writer.WriteBoolean("external", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private string Expression(object value)
    {
        CollectParameters(value);
        return value is IManifestExpressionProvider provider
            ? provider.ValueExpression
            : throw new InvalidOperationException($"{value.GetType().Name} cannot be written to a manifest.");
    }

    private void CollectParameters(object value)
    {
        switch (value)
        {
            case ParameterResource parameter when !_referenced.Contains(parameter):
                _referenced.Add(parameter);
                break;
            case ReferenceExpression expression:
                foreach (var inner in expression.ValueProviders)
                {
                    CollectParameters(inner);
                }

                break;
            case ConnectionStringReference reference:
                CollectParameters(reference.Resource.ConnectionStringExpression);
                break;
        }
    }
}
