using System.Text.Json;

namespace AuthApp.Api.Infrastructure.Input;

/// <summary>
/// A client field refused at the edge: a string <see cref="StorableText"/> refused, or a repeated form or query
/// key. A <see cref="JsonException"/>, so the serializer adds the JSON path of a body field; the form and query
/// gate names the field itself.
/// </summary>
public sealed class RefusedFieldException(string reason, string? fieldName = null) : JsonException(reason)
{
    public string Reason { get; } = reason;

    /// <summary>The field as the client named it: a form or query key, or the top-level JSON property.</summary>
    public string FieldName => fieldName ?? FromJsonPath(Path);

    /// <summary><c>$.roles[2]</c> is the field <c>roles</c>; <c>$.a.b</c> is <c>a</c>.</summary>
    private static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = name.IndexOfAny(['.', '[']);
        return end > 0 ? name[..end] : name;
    }
}
