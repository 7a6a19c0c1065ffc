using System.Text.Json;

namespace AuthApp.Aspirate.Manifest;

/// <summary>
/// Reads the manifest Aspire writes with <c>--publisher manifest</c>. Resource types the Kubernetes output cannot
/// represent (Dockerfile builds, executables, bind mounts) are refused with their name rather than silently dropped.
/// </summary>
internal static class ManifestReader
{
    public static AspireManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ManifestException($"The manifest {path} does not exist.");
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{path} is not valid JSON: {e.Message}");
        }
    }

    public static AspireManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestException("The manifest has no \"resources\" object.");
        }

        return new AspireManifest([.. resources.EnumerateObject().Select(r => ReadResource(r.Name, r.Value))]);
    }

    private static ManifestResource ReadResource(string name, JsonElement json)
    {
        var type = Required(name, json, "type");
        return type switch
        {
            "container.v0" or "container.v1" => ReadContainer(name, type, json),
            "project.v0" or "project.v1" => new ManifestProject(name, type, Required(name, json, "path"))
            {
                ConnectionString = Optional(json, "connectionString"),
                Args = Strings(json, "args"),
                Env = Env(json),
                Bindings = Bindings(json),
            },
            "value.v0" => new ManifestValue(name, type) { ConnectionString = Optional(json, "connectionString"), Value = Optional(json, "value") },
            "parameter.v0" => ReadParameter(name, type, json),
            "annotated.string" => new ManifestAnnotatedString(name, type, Required(name, json, "value")) { Filter = Optional(json, "filter") },
            _ => throw new ManifestException($"Resource '{name}' has type '{type}', which the Kubernetes generator does not deploy."),
        };
    }

    private static ManifestContainer ReadContainer(string name, string type, JsonElement json)
    {
        if (json.TryGetProperty("bindMounts", out _))
        {
            throw new ManifestException($"Container '{name}' has bind mounts; a cluster has no host folder to mount. Use a volume.");
        }

        var image = Optional(json, "image")
            ?? throw new ManifestException($"Container '{name}' has no image (a Dockerfile build); build and push it, then use WithImage.");
        return new ManifestContainer(name, type, image)
        {
            ConnectionString = Optional(json, "connectionString"),
            Entrypoint = Optional(json, "entrypoint"),
            Args = Strings(json, "args"),
            Env = Env(json),
            Bindings = Bindings(json),
            Volumes = json.TryGetProperty("volumes", out var volumes)
                ? [.. volumes.EnumerateArray().Select(v => new ManifestVolume(
                    Required(name, v, "name"), Required(name, v, "target"), v.TryGetProperty("readOnly", out var ro) && ro.GetBoolean()))]
                : [],
        };
    }

    private static ManifestParameter ReadParameter(string name, string type, JsonElement json)
    {
        var input = json.TryGetProperty("inputs", out var inputs) && inputs.TryGetProperty("value", out var value) ? value : default;
        var hasInput = input.ValueKind == JsonValueKind.Object;
        var defaults = hasInput && input.TryGetProperty("default", out var d) ? d : default;
        var hasDefault = defaults.ValueKind == JsonValueKind.Object;
        return new ManifestParameter(name, type)
        {
            Secret = hasInput && input.TryGetProperty("secret", out var secret) && secret.GetBoolean(),
            DefaultValue = hasDefault ? Optional(defaults, "value") : null,
            MinLength = hasDefault && defaults.TryGetProperty("generate", out var generate) && generate.TryGetProperty("minLength", out var min) ? min.GetInt32() : null,
        };
    }

    private static List<ManifestBinding> Bindings(JsonElement json) => json.TryGetProperty("bindings", out var bindings)
        ? [.. bindings.EnumerateObject().Select(b => new ManifestBinding(
            b.Name,
            Optional(b.Value, "scheme") ?? "tcp",
            Optional(b.Value, "protocol") ?? "tcp",
            Optional(b.Value, "transport") ?? "tcp",
            Int(b.Value, "port"),
            Int(b.Value, "targetPort"),
            b.Value.TryGetProperty("external", out var external) && external.GetBoolean()))]
        : [];

    private static List<KeyValuePair<string, string>> Env(JsonElement json) => json.TryGetProperty("env", out var env)
        ? [.. env.EnumerateObject().Select(e => KeyValuePair.Create(e.Name, e.Value.GetString() ?? string.Empty))]
        : [];

    private static List<string> Strings(JsonElement json, string property) => json.TryGetProperty(property, out var array)
        ? [.. array.EnumerateArray().Select(a => a.GetString() ?? string.Empty)]
        : [];

    private static int? Int(JsonElement json, string property) => json.TryGetProperty(property, out var value) ? value.GetInt32() : null;

    private static string? Optional(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(string resource, JsonElement json, string property) =>
        Optional(json, property) ?? throw new ManifestException($"Resource '{resource}' has no \"{property}\".");
}
