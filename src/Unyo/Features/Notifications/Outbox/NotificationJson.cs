using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unyo.Features.Notifications.Outbox;

// How a NotificationMessage is kept in the outbox and sent to webhooks: camelCase, enums as words.
public static class NotificationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(NotificationMessage message) => JsonSerializer.Serialize(message, Options);

    public static NotificationMessage Read(string json) =>
        JsonSerializer.Deserialize<NotificationMessage>(json, Options) ?? throw new JsonException("an empty notification message");
}
