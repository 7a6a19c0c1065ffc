namespace AuthApp.Kubectl.Credentials;

/// <summary>A failure the user can act on; its message is printed as is (it never holds a token).</summary>
internal sealed class PluginException(string message) : Exception(message);
