using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One setting that may change while the service runs (a password in the secret folder): its current value, the value
/// it had before the last change, and a callback on each change. Values are trimmed: secret files often end in a newline.
/// </summary>
public sealed class SecretSetting
{
    /// <summary>The least time between two re-reads by <see cref="Reread"/>, in milliseconds.</summary>
    private const long RereadIntervalMs = 1000;

    private readonly IConfiguration _configuration;
    private readonly string _key;
    private readonly Func<string?> _fallback;
    private readonly Lock _gate = new();
    private Action<string>? _changed;
    private long _lastReread = -RereadIntervalMs;

    /// <summary>Follows <paramref name="key"/>; while it is unset, the value is <paramref name="fallback"/>'s (e.g. from the connection string).</summary>
    public SecretSetting(IConfiguration configuration, string key, Func<string?> fallback)
    {
        _configuration = configuration;
        _key = key;
        _fallback = fallback;
        Current = Read();
        ChangeToken.OnChange(configuration.GetReloadToken, Refresh);
    }

    /// <summary>The value now.</summary>
    public string? Current { get; private set; }

    /// <summary>The value before the last change (null until one): the other half of a rotation's overlap.</summary>
    public string? Previous { get; private set; }

    /// <summary>Calls <paramref name="changed"/> with each new value (never with the same value twice in a row).</summary>
    public void OnChange(Action<string> changed)
    {
        lock (_gate) _changed += changed;
    }

    /// <summary>
    /// Reads the configuration's sources again now instead of at their next poll (a mounted folder is polled about every
    /// 4 s, and the kubelet updates it later still); true when that changed the value. For a caller whose value was just
    /// refused. At most once a second: a password that is simply wrong must not make every failed connection re-read
    /// every source.
    /// </summary>
    public bool Reread()
    {
        var before = Current;
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReread);
        if (_configuration is IConfigurationRoot root && now - last >= RereadIntervalMs
            && Interlocked.CompareExchange(ref _lastReread, now, last) == last)
        {
            // Reload raises the change token, so Refresh has run when it returns.
            root.Reload();
        }

        return Current != before;
    }

    private void Refresh()
    {
        Action<string>? changed;
        string value;
        lock (_gate)
        {
            if (Read() is not { } read || read == Current) return;
            value = read;
            Previous = Current;
            Current = value;
            changed = _changed;
        }

        changed?.Invoke(value);
    }

    private string? Read() => _configuration[_key] is { Length: > 0 } value ? value.Trim() : _fallback();
}
