using System.Text;

namespace AuthApp.Benchmarks.Load;

/// <summary>A temporary folder for wrk scripts only this user can read: the scripts and pools hold live tokens.</summary>
internal sealed class TemporaryScripts : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("authapp-load-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_path, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
