using System.Collections.Frozen;

namespace AuthApp.Api.Features.Users;

/// <summary>
/// The common-password blocklist shipped inside the zxcvbn-core package
/// (<c>Dictionaries/passwords.lst</c>: the 30,000 most frequent passwords of public breach corpora,
/// compiled by Dropbox's zxcvbn). Compared case-insensitively.
/// </summary>
public sealed class CommonPasswords
{
    private const string ResourceName = "zxcvbn-core.Dictionaries.passwords.lst";

    private readonly FrozenSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = typeof(Zxcvbn.Result).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The zxcvbn-core package no longer ships {ResourceName}.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) words.Add(line.Trim());
        }

        _passwords = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
