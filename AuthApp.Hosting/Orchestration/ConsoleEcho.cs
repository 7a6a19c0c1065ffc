using Microsoft.Extensions.Options;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Writes child output to the AppHost's console, each line prefixed with its resource name.</summary>
internal sealed class ConsoleEcho(IOptions<AppHostOptions> options)
{
    private readonly Lock _lock = new();
    private int _width = 8;

    public bool Enabled => options.Value.EchoOutput;

    public void AlignTo(IEnumerable<string> names) => _width = Math.Max(_width, names.DefaultIfEmpty(string.Empty).Max(n => n.Length));

    public void Line(string resourceName, string content)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            Console.Out.WriteLine($"{resourceName.PadRight(_width)} | {content}");
        }
    }

    public void Block(IEnumerable<string> lines)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var line in lines)
            {
                Console.Out.WriteLine(line);
            }
        }
    }
}
