using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Generated parameter values kept across runs in <c>parameters.json</c> (owner-only, mode 600), the local
/// counterpart of Aspire's user secrets: <c>{"Parameters": {"name": "value"}}</c>.
/// </summary>
internal sealed class ParameterStore(string filePath)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Lock _lock = new();

    public const string FileName = "parameters.json";

    public string FilePath { get; } = filePath;

    public string? Get(string name)
    {
        lock (_lock)
        {
            return Read()[name]?.GetValue<string>();
        }
    }

    public void Set(string name, string value)
    {
        lock (_lock)
        {
            var parameters = Read();
            parameters[name] = value;
            Write(new JsonObject { ["Parameters"] = parameters });
        }
    }

    private JsonObject Read()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        var root = JsonNode.Parse(File.ReadAllText(FilePath)) as JsonObject;
        return root?["Parameters"]?.DeepClone() as JsonObject ?? [];
    }

    // Written to a new owner-only file then moved over the old one, so a crash never leaves half a file
    // and the secrets are never readable by others, not even for a moment.
    private void Write(JsonObject root)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, root, Indented);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
