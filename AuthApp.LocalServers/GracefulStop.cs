namespace AuthApp.LocalServers;

/// <summary>
/// The shell wrapper a server runs under. DCP stops executables with SIGTERM; PostgreSQL reads SIGTERM as a
/// "smart" shutdown that waits for every client to leave, so the wrapper turns it into SIGINT (fast shutdown).
/// </summary>
internal static class GracefulStop
{
    public const string Script =
        """
        trap 'kill -INT "$child" 2>/dev/null' TERM INT
        "$@" &
        child=$!
        status=0
        while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
        exit "$status"
        """;

    /// <summary>The <c>sh -c</c> arguments that run <paramref name="command"/> under the wrapper.</summary>
    public static IEnumerable<object> Arguments(string name, IEnumerable<object> command) => ["-c", Script, name, .. command];
}
