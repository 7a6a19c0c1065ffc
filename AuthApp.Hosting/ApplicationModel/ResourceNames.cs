using System.Text.RegularExpressions;

namespace AuthApp.Hosting.ApplicationModel;

/// <summary>Aspire's naming rule: names become DNS labels and environment-variable parts.</summary>
internal static partial class ResourceNames
{
    public static string Validate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use ASCII letters, digits and hyphens, start with a letter, at most 64 characters.",
                nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[a-zA-Z](?:[a-zA-Z0-9-]{0,63})$")]
    private static partial Regex ValidName();
}
