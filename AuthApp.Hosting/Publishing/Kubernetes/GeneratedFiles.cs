using System.Text;
using k8s;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>The files <c>generate</c> writes, by path relative to the output folder ('/' separated), in ordinal order.</summary>
internal sealed class GeneratedFiles
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Adds a YAML file serialised by KubernetesClient's serializer (sorted keys for built-in kinds).</summary>
    public void AddYaml(string path, object value) => Add(path, KubernetesYaml.Serialize(value) + "\n");

    public void Add(string path, string content)
    {
        if (!_files.TryAdd(path, content))
        {
            throw new InvalidOperationException($"'{path}' would be generated twice.");
        }
    }

    /// <summary>Writes every file (UTF-8, no BOM, LF); files not generated are left alone (e.g. a user's .env).</summary>
    public void WriteTo(string outputDirectory)
    {
        foreach (var (path, content) in _files)
        {
            var fullPath = Path.Combine(outputDirectory, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }
}
