using System.Text.Json;
using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Publishing.Manifest;

/// <summary>
/// Writes <c>aspire-manifest.json</c> in Aspire's 9.x dialect (the one Aspirate reads): resources in model
/// order, then the parameters the builder created on its own, in the order they were first referenced.
/// </summary>
internal sealed class ManifestPublisher(DistributedApplicationModel model)
{
    public const string FileName = "aspire-manifest.json";
    private const string Schema = "https://json.schemastore.org/aspire-8.0.json";

    /// <summary>Aspire accepts a file path or a folder; a folder gets <see cref="FileName"/>.</summary>
    public static string ResolveManifestPath(string outputPath) =>
        Path.GetFullPath(outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? outputPath : Path.Combine(outputPath, FileName));

    /// <summary>Writes the manifest and returns its full path.</summary>
    public string Write(string outputPath)
    {
        var manifestPath = ResolveManifestPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(manifestPath)!);
        File.WriteAllBytes(manifestPath, Render(Path.GetDirectoryName(manifestPath)!));
        return manifestPath;
    }

    /// <summary>The manifest's bytes, with project paths relative to <paramref name="manifestDirectory"/>.</summary>
    public byte[] Render(string manifestDirectory)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            var resources = new ManifestResourceWriter(writer, manifestDirectory);
            writer.WriteStartObject();
            writer.WriteString("$schema", Schema);
            writer.WriteStartObject("resources");
            foreach (var resource in model.Resources.Where(r => r is not ParameterResource { IsAutoCreated: true }))
            {
                resources.Write(resource);
            }

            var autoCreated = model.Resources.OfType<ParameterResource>().Where(p => p.IsAutoCreated);
            foreach (var parameter in resources.ReferencedParameters.Concat(autoCreated).Distinct().Where(p => p.IsAutoCreated).ToList())
            {
                resources.Write(parameter);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
