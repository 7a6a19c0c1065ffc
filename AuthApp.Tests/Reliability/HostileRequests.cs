using System.Text;
using static AuthApp.Tests.Reliability.HostileText;

namespace AuthApp.Tests.Reliability;

/// <summary>
/// Builds one malformed request for an endpoint: its valid request with exactly one defect, so every case
/// must be refused with a 4xx. Defects common to every endpoint (a hostile query parameter, an unknown method,
/// bad credentials, a bad route value) mix with those of its body kind.
/// </summary>
public static class HostileRequests
{
    private const int OversizedBytes = 70 * 1024;

    public static SweepCase Build(SweepEndpoint endpoint, SweepCallers callers, Random random)
    {
        var marker = $"S3cr3t{random.Next():x8}";
        var values = endpoint.Fields.ToDictionary(f => f.Name, f => ValidValue(f, marker));
        var path = endpoint.Path.Replace("{victim}", callers.Victim.ToString(), StringComparison.Ordinal).Replace("{session}", "abc", StringComparison.Ordinal);
        var template = new SweepCase(endpoint.Method, path, Credentials(endpoint.Caller, callers), null, null, "", [marker]);
        var defects = Defects(endpoint);
        var defect = defects[random.Next(defects.Count)];
        var built = defect(new Draft(endpoint, template, values, random, marker));
        // Defects outside the body still send the endpoint's valid body, so the defect is the only thing wrong.
        return built.Body is null && endpoint.Body is SweepBody.Json or SweepBody.Form
            ? built with { Body = endpoint.Body == SweepBody.Json ? ToUtf8(Json(endpoint, values)) : Encoding.UTF8.GetBytes(Form(values)), ContentType = built.ContentType ?? DefaultContentType(endpoint) }
            : built;
    }

    private sealed record Draft(SweepEndpoint Endpoint, SweepCase Case, Dictionary<string, string> Values, Random Random, string Marker);

    private static List<Func<Draft, SweepCase>> Defects(SweepEndpoint endpoint)
    {
        List<Func<Draft, SweepCase>> defects = [HostileQueryParameter, UnknownMethod];
        if (endpoint.Caller != SweepCaller.Anonymous) defects.Add(BadCredentials);
        if (endpoint.Path.Contains("{victim}", StringComparison.Ordinal)) defects.Add(BadUserId);
        if (endpoint.Path.Contains("{session}", StringComparison.Ordinal)) defects.AddRange([HostileSessionId, HostileSessionId]);
        switch (endpoint.Body)
        {
            case SweepBody.Json:
                defects.AddRange([HostileJsonString, HostileJsonString, HostileJsonString, WrongJsonType, WrongJsonType, UnknownJsonField,
                    MalformedJson, MalformedJson, WrongJsonContentType, OversizedBody, DeepJson]);
                if (endpoint.Method != "PATCH") defects.Add(NullRequiredField);
                break;
            case SweepBody.Form:
                defects.AddRange([HostileFormValue, HostileFormValue, HostileFormValue, DuplicatedField, DuplicatedField, WrongFormContentType, OversizedBody]);
                break;
            case SweepBody.Query:
                defects.AddRange([HostileQueryValue, HostileQueryValue, WrongQueryType, WrongQueryType, DuplicatedField]);
                break;
        }

        return defects;
    }

    private static SweepCase HostileQueryParameter(Draft d)
    {
        var (encoded, kind) = Encoded(d.Random, d.Marker);
        return d.Case with { Path = WithQuery(d.Case.Path, $"{Letters(d.Random, 3)}={encoded}"), Defect = $"query parameter with {kind}" };
    }

    private static SweepCase UnknownMethod(Draft d) => d.Case with { Method = "PURGE", Defect = "unknown method" };

    private static SweepCase BadCredentials(Draft d)
    {
        string[] choices = d.Endpoint.Caller == SweepCaller.Client
            ? ["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"orders-api:{d.Marker}")), "Basic !!!notbase64", "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()), "Bearer aat_x"]
            : ["Bearer " + Letters(d.Random, 1 + d.Random.Next(60)), "Bearer aat_" + Letters(d.Random, 43), "Bearer", "Basic Zm9vOmJhcg==", "Bearer " + new string('a', 5000), "Bearer aat_" + d.Marker];
        return d.Case with { Authorization = choices[d.Random.Next(choices.Length)], Defect = "bad credentials" };
    }

    private static SweepCase BadUserId(Draft d)
    {
        // No "%00": the in-process test server refuses to send a path with NUL (Kestrel answers it 400).
        string[] ids = ["not-a-guid", "123", Guid.NewGuid() + "x", Guid.NewGuid().ToString(), "%01", "%C2%85"];
        var id = ids[d.Random.Next(ids.Length)];
        return d.Case with { Path = d.Case.Path.Replace(d.Case.Path.Split('/')[3], id, StringComparison.Ordinal), Defect = $"user id {id}" };
    }

    private static SweepCase HostileSessionId(Draft d)
    {
        var (encoded, kind) = d.Random.Next(3) == 0 ? (Letters(d.Random, 65 + d.Random.Next(900)), "long") : Encoded(d.Random, "s");
        // The in-process test server refuses to send a path with NUL, so a path carries another control character.
        var segment = encoded.Replace("%00", "%01", StringComparison.Ordinal);
        return d.Case with { Path = d.Case.Path[..d.Case.Path.LastIndexOf('/')] + "/" + segment, Defect = $"session id with {kind}" };
    }

    private static SweepCase HostileJsonString(Draft d)
    {
        var field = d.Endpoint.Fields[d.Random.Next(d.Endpoint.Fields.Count)];
        var (literal, kind) = JsonLiteral(d.Random, field.Secret ? d.Marker : "x");
        return WithJson(d, field.Name, field.Kind == SweepFieldKind.TextList ? $"[{literal}]" : literal, $"{field.Name} with {kind}");
    }

    private static SweepCase WrongJsonType(Draft d)
    {
        var field = d.Endpoint.Fields[d.Random.Next(d.Endpoint.Fields.Count)];
        string[] wrong = field.Kind == SweepFieldKind.TextList ? ["\"user\"", "[1]", "[{\"a\":1}]", "{\"a\":\"b\"}", "true", "[[\"user\"]]"] : ["123", "true", "{}", "[]", "[\"x\"]", "1.5e300"];
        return WithJson(d, field.Name, wrong[d.Random.Next(wrong.Length)], $"{field.Name} of the wrong type");
    }

    private static SweepCase UnknownJsonField(Draft d) =>
        WithJson(d, Letters(d.Random, 5), Quote(d.Marker), "unknown field");

    private static SweepCase NullRequiredField(Draft d)
    {
        var required = d.Endpoint.Fields.Where(f => f.Name is not ("displayName" or "roles")).ToList();
        return WithJson(d, required[d.Random.Next(required.Count)].Name, "null", "required field null");
    }

    private static SweepCase MalformedJson(Draft d)
    {
        var json = Json(d.Endpoint, d.Values);
        string[] bodies = [json[..d.Random.Next(1, json.Length - 1)], json + "}", json.Replace('"', '\''), "", "null", "[]", "\uFEFF\uFEFF" + json, json.Replace(":", "", StringComparison.Ordinal)];
        var body = bodies[d.Random.Next(bodies.Length)];
        return d.Case with { Body = ToUtf8(body), ContentType = "application/json", Defect = "body malformed JSON" };
    }

    private static SweepCase DeepJson(Draft d)
    {
        var depth = 65 + d.Random.Next(500);
        var field = d.Endpoint.Fields[0].Name;
        var body = $"{{\"{field}\":{new string('[', depth)}{new string(']', depth)}}}";
        return d.Case with { Body = ToUtf8(body), ContentType = "application/json", Defect = $"body nested {depth} deep" };
    }

    private static SweepCase WrongJsonContentType(Draft d)
    {
        string?[] types = ["text/plain", "application/xml", null, "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"];
        return d.Case with { Body = ToUtf8(Json(d.Endpoint, d.Values)), ContentType = types[d.Random.Next(types.Length)], Defect = "body with a wrong content type" };
    }

    private static SweepCase WrongFormContentType(Draft d)
    {
        var asJson = d.Random.Next(2) == 0;
        var body = asJson ? "{" + string.Join(",", d.Values.Select(v => $"{Quote(v.Key)}:{Quote(v.Value)}")) + "}" : Form(d.Values);
        string?[] types = asJson ? ["application/json"] : ["text/plain", null, "application/json"];
        return d.Case with { Body = Encoding.UTF8.GetBytes(body), ContentType = types[d.Random.Next(types.Length)], Defect = "body with a wrong content type" };
    }

    private static SweepCase OversizedBody(Draft d)
    {
        var field = d.Endpoint.Fields[0].Name;
        var filler = new string('a', OversizedBytes);
        var (body, type) = d.Endpoint.Body == SweepBody.Json ? ($"{{\"{field}\":\"{filler}\"}}", "application/json") : ($"{field}={filler}", "application/x-www-form-urlencoded");
        return d.Case with { Body = Encoding.UTF8.GetBytes(body), ContentType = type, Defect = "body over 64 KiB" };
    }

    private static SweepCase HostileFormValue(Draft d)
    {
        var field = d.Endpoint.Fields[d.Random.Next(d.Endpoint.Fields.Count)];
        var (encoded, kind) = Encoded(d.Random, field.Secret ? d.Marker : "x");
        var form = string.Join("&", d.Values.Select(v => v.Key == field.Name ? $"{v.Key}={encoded}" : $"{v.Key}={Uri.EscapeDataString(v.Value)}"));
        return d.Case with { Body = Encoding.UTF8.GetBytes(form), ContentType = DefaultContentType(d.Endpoint), Defect = $"{field.Name} with {kind}" };
    }

    private static SweepCase HostileQueryValue(Draft d)
    {
        var field = d.Endpoint.Fields[d.Random.Next(d.Endpoint.Fields.Count)];
        var (encoded, kind) = Encoded(d.Random, "x");
        return d.Case with { Path = WithQuery(d.Case.Path, $"{field.Name}={encoded}"), Defect = $"{field.Name} with {kind}" };
    }

    private static SweepCase WrongQueryType(Draft d)
    {
        var typed = d.Endpoint.Fields.Where(f => f.Kind is SweepFieldKind.Number or SweepFieldKind.Date).ToList();
        var field = typed[d.Random.Next(typed.Count)];
        string[] wrong = field.Kind == SweepFieldKind.Number ? ["abc", "1.5", "99999999999", "-5", "0x10", "0", "1e3"] : ["yesterday", "2026-13-45", "1e10", "tomorrow at noon"];
        return d.Case with { Path = WithQuery(d.Case.Path, $"{field.Name}={Uri.EscapeDataString(wrong[d.Random.Next(wrong.Length)])}"), Defect = $"{field.Name} of the wrong type" };
    }

    /// <summary>A field sent twice: RFC 6749 §3.1 forbids it on the token endpoints, and it is ambiguous everywhere.</summary>
    private static SweepCase DuplicatedField(Draft d)
    {
        var field = d.Endpoint.Fields[d.Random.Next(d.Endpoint.Fields.Count)];
        var pairs = d.Values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}").Append($"{field.Name}={Uri.EscapeDataString(d.Values[field.Name])}");
        var joined = string.Join("&", pairs.OrderBy(_ => d.Random.Next()));
        return d.Endpoint.Body == SweepBody.Form
            ? d.Case with { Body = Encoding.UTF8.GetBytes(joined), ContentType = DefaultContentType(d.Endpoint), Defect = $"{field.Name} sent twice" }
            : d.Case with { Path = WithQuery(d.Case.Path, joined), Defect = $"{field.Name} sent twice" };
    }

    private static SweepCase WithJson(Draft d, string name, string literal, string defect)
    {
        var members = d.Endpoint.Fields.Where(f => f.Name != name).Select(f => $"{Quote(f.Name)}:{JsonValue(f, d.Values[f.Name])}").Append($"{Quote(name)}:{literal}");
        var body = "{" + string.Join(",", members.OrderBy(_ => d.Random.Next())) + "}";
        return d.Case with { Body = ToUtf8(body), ContentType = "application/json", Defect = $"body: {defect}" };
    }

    private static string ValidValue(SweepField field, string marker) => field.Valid switch
    {
        "@email" => $"sweep-{Guid.NewGuid():N}@example.com",
        "@password" => $"{marker} correct horse battery",
        _ when field.Secret => field.Valid + marker,
        _ => field.Valid,
    };

    private static string Json(SweepEndpoint endpoint, Dictionary<string, string> values) =>
        "{" + string.Join(",", endpoint.Fields.Select(f => $"{Quote(f.Name)}:{JsonValue(f, values[f.Name])}")) + "}";

    private static string JsonValue(SweepField field, string value) => field.Kind == SweepFieldKind.TextList ? $"[{Quote(value)}]" : Quote(value);

    private static string Form(Dictionary<string, string> values) => string.Join("&", values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"));

    private static string DefaultContentType(SweepEndpoint endpoint) => endpoint.Body == SweepBody.Json ? "application/json" : "application/x-www-form-urlencoded";

    private static string WithQuery(string path, string query) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    private static string? Credentials(SweepCaller caller, SweepCallers callers) => caller switch
    {
        SweepCaller.User => $"Bearer {callers.UserToken}",
        SweepCaller.Admin => $"Bearer {callers.AdminToken}",
        SweepCaller.Client => callers.ClientAuthorization,
        _ => null,
    };
}
