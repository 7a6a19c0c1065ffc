using System.Security.Cryptography;
using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Random values for Aspire's <c>generate</c> defaults, from a CSPRNG.</summary>
internal static class ParameterGenerator
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    // Only characters that need no quoting in connection strings, environment variables and URLs.
    private const string Special = "-_.~";

    public static string Generate(GenerateParameterDefault rule)
    {
        var alphabet = Lower + Upper + Digits + (rule.Special ? Special : string.Empty);
        var length = Math.Max(rule.MinLength, 22);
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, length);

        // At least one of each class, as Aspire's generator guarantees.
        string[] classes = rule.Special ? [Lower, Upper, Digits, Special] : [Lower, Upper, Digits];
        for (var i = 0; i < classes.Length; i++)
        {
            chars[i] = RandomNumberGenerator.GetItems<char>(classes[i], 1)[0];
        }

        RandomNumberGenerator.Shuffle<char>(chars);
        return new string(chars);
    }

    /// <summary>Eight random lower-case letters, Aspire's <c>service.instance.id</c>.</summary>
    public static string InstanceId() => RandomNumberGenerator.GetString(Lower, 8);
}
