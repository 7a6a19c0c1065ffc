namespace AuthApp.Benchmarks.Load;

/// <summary>
/// The wrk Lua scripts. Credentials go into owner-only script files, never onto wrk's command line (visible in ps).
/// Pool scripts give each wrk thread its own slice of the token file (line i goes to thread i mod threads).
/// </summary>
internal static class WrkScripts
{
    /// <summary>One fixed request: method, path, headers and body never change.</summary>
    public static string Fixed(string method, string path, IReadOnlyDictionary<string, string> headers, string? body)
    {
        var lines = new List<string> { $"wrk.method = {Quote(method)}", $"wrk.path = {Quote(path)}" };
        lines.AddRange(headers.Select(h => $"wrk.headers[{Quote(h.Key)}] = {Quote(h.Value)}"));
        if (body is not null) lines.Add($"wrk.body = {Quote(body)}");
        return string.Join('\n', lines) + '\n';
    }

    /// <summary>
    /// POST /revoke of a different live session each time, from a pre-issued pool. A pool that runs out starts over
    /// (revoking dead tokens is cheaper), and the number of times it did is printed as POOL_WRAPS so it is never hidden.
    /// Each thread formats its requests once, in its own init() (defined after the shared one, so it replaces it), as
    /// wrk's guide advises for fast servers: formatting one per request spends wrk CPU on the two cores the API shares.
    /// </summary>
    public const string RevokePool = SharedPool + """
        local prepared = {}

        function init(args)
          read_pool(args)
          for i, token in ipairs(tokens) do prepared[i] = wrk.format("POST", "/revoke", form, "token=" .. token) end
        end

        function request()
          index = index + 1
          if index > #prepared then index = 1; wraps = wraps + 1 end
          return prepared[index]
        end

        function done(summary, latency, requests)
          local total = 0
          for _, thread in ipairs(threads) do total = total + thread:get("wraps") end
          io.write("POOL_WRAPS " .. total .. "\n")
        end
        """;

    /// <summary>
    /// grant_type=refresh_token with real rotation: each thread starts with a queue of live refresh tokens, sends the
    /// oldest, and queues the new refresh token from each answer. A failed answer loses its chain; when the queue is
    /// empty a dead token is sent (a 400, counted as non-2xx), printed as POOL_EMPTY.
    /// </summary>
    public const string RefreshChain = SharedPool + """
        local head = 1
        local dead = "art_" .. string.rep("A", 43)

        function request()
          local token = tokens[head]
          if token == nil then
            wraps = wraps + 1
            token = dead
          else
            tokens[head] = nil
            head = head + 1
          end
          return wrk.format("POST", "/token", form, "grant_type=refresh_token&refresh_token=" .. token)
        end

        function response(status, headers, body)
          local token = body:match('"refresh_token":"([^"]+)"')
          if token then
            tail = tail + 1
            tokens[tail] = token
          end
        end

        function done(summary, latency, requests)
          local total = 0
          for _, thread in ipairs(threads) do total = total + thread:get("wraps") end
          io.write("POOL_EMPTY " .. total .. "\n")
        end
        """;

    // wrk runs setup() in the main Lua state and init() in each thread's own state; "id" is set per thread.
    private const string SharedPool = """
        threads = {}
        local counter = 0
        tokens = {}
        index = 0
        wraps = 0
        tail = 0
        form = { ["Content-Type"] = "application/x-www-form-urlencoded" }

        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
          table.insert(threads, thread)
        end

        function init(args) read_pool(args) end

        function read_pool(args)
          local count = tonumber(args[2])
          local i = 0
          for line in io.lines(args[1]) do
            if i % count == id then tokens[#tokens + 1] = line end
            i = i + 1
          end
          tail = #tokens
        end

        """;

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
