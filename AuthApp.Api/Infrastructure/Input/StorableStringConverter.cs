using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApp.Api.Infrastructure.Input;

/// <summary>
/// The gate for JSON bodies: every string the API reads from JSON (top-level fields, list items) passes
/// <see cref="StorableText"/>, so no endpoint can forget it. Writing is unchanged.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected a string.");
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The reader refuses an escaped unpaired surrogate or invalid UTF-8 only now, when the string is decoded.
            throw new RefusedFieldException(StorableText.NotUnicode);
        }

        return StorableText.Problem(value) is { } problem ? throw new RefusedFieldException(problem) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
