using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unyo.Client;

/// <summary>
/// One label matcher with Alertmanager's semantics. Written either as an object
/// (<c>{"name": "service", "op": "=~", "value": "checkout|cart"}</c>) or as a string in amtool's form
/// (<c>service=~"checkout|cart"</c>; the quotes are optional).
/// </summary>
/// <remarks>
/// Matchers see the alert's labels plus the implicit labels <c>service</c>, <c>team</c>, <c>severity</c>, <c>urgency</c>,
/// <c>source</c> and <c>integration</c>; an alert's own label of one of those names does not override the implicit one.
/// A label the alert lacks has the value <c>""</c>. Regular expressions are anchored at both ends.
/// </remarks>
[JsonConverter(typeof(LabelMatcherRequestConverter))]
public sealed record LabelMatcherRequest
{
    /// <summary>The label name: letters, digits and underscores, not starting with a digit.</summary>
    public string? Name { get; init; }
    /// <summary><c>=</c>, <c>!=</c>, <c>=~</c> (matches the regular expression) or <c>!~</c>; <c>=</c> when left out.</summary>
    public string? Op { get; init; }
    /// <summary>The value or regular expression (RE2-like syntax, at most 1024 characters).</summary>
    public string? Value { get; init; }
    /// <summary>The string form, when the matcher was written as one; the server parses it.</summary>
    [JsonIgnore]
    public string? Expression { get; init; }
}

/// <summary>Reads a matcher written as an object or as a string; writes the object form.</summary>
public sealed class LabelMatcherRequestConverter : JsonConverter<LabelMatcherRequest>
{
    /// <inheritdoc />
    public override LabelMatcherRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LabelMatcherRequest { Expression = reader.GetString() };
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A matcher is an object {name, op, value} or a string such as service=\"checkout\".");
        }
        string? name = null, op = null, value = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            var text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"The matcher's '{property}' must be text."),
            };
            switch (property?.ToLowerInvariant())
            {
                case "name": name = text; break;
                case "op": op = text; break;
                case "value": value = text; break;
                default: throw new JsonException($"'{property}' is not a field of a matcher (name, op, value).");
            }
        }
        return new LabelMatcherRequest { Name = name, Op = op, Value = value };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LabelMatcherRequest value, JsonSerializerOptions options)
    {
        if (value.Expression is not null && value.Name is null)
        {
            writer.WriteStringValue(value.Expression);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteString("op", value.Op ?? "=");
        writer.WriteString("value", value.Value);
        writer.WriteEndObject();
    }
}
