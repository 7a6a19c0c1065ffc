using System.Text;
using k8s;

namespace AuthApp.Aspirate.Kubernetes;

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

    /// <summary>
    /// Writes every file (UTF-8, no BOM, LF) and removes files under the generated folders that the model no longer
    /// produces. A user's <c>.env</c> and <c>tls/</c> files and anything outside those folders (README, infra/) are left alone.
    /// </summary>
    public void WriteTo(string outputDirectory)
    {
        RemoveStale(outputDirectory);
        foreach (var (path, content) in _files)
        {
            var fullPath = Path.Combine(outputDirectory, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>Git-ignored files a user makes beside the generated ones: <c>.env</c> secrets and TLS material in <c>tls/</c>.</summary>
    public static bool IsUserFile(string relativePath) =>
        Path.GetFileName(relativePath) == ".env" || relativePath.Split('/') is [.., "tls", _];

    private void RemoveStale(string outputDirectory)
    {
        var generatedFolders = _files.Keys.Select(k => k.Split('/')[0]).Distinct(StringComparer.Ordinal);
        foreach (var folder in generatedFolders.Select(f => Path.Combine(outputDirectory, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
            {
                var relative = Path.GetRelativePath(outputDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!_files.ContainsKey(relative) && !IsUserFile(relative))
                {
                    File.Delete(file);
                }
            }

            foreach (var empty in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)
                .OrderByDescending(d => d.Length).Where(d => !Directory.EnumerateFileSystemEntries(d).Any()).ToList())
            {
                Directory.Delete(empty);
            }
        }
    }
}
