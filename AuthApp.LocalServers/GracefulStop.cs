namespace AuthApp.LocalServers;

/// <summary>
/// The shell wrapper a server runs under. DCP stops executables with SIGTERM; PostgreSQL reads SIGTERM as a
/// "smart" shutdown that waits for every client to leave, so the wrapper turns it into SIGINT (fast shutdown).
/// The server's standard error joins its standard output: PostgreSQL writes every log line (LOG, ERROR, FATAL)
/// to stderr, which Aspire shows as errors (`fail:`); the severity stays in each line's text (decision 0083).
/// </summary>
internal static class GracefulStop
{
    public const string Script =
        """
        trap 'kill -INT "$child" 2>/dev/null' TERM INT
        "$@" 2>&1 &
        child=$!
        status=0
        while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
        exit "$status"
        """;

    /// <summary>The <c>sh -c</c> arguments that run <paramref name="command"/> under the wrapper.</summary>
    public static IEnumerable<object> Arguments(string name, IEnumerable<object> command) => ["-c", Script, name, .. command];
}
