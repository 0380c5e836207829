using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// Reads, checks and writes a channel's template overrides ({"triggered": {"subject", "text"}}).
public static class ChannelTemplates
{
    public const int MaxSubject = 300;
    public const int MaxText = 4000;

    public static string EventName(NotificationEvent notificationEvent) => notificationEvent.ToString().ToLowerInvariant();

    // Notices go to people's own addresses, never through a channel, so channels have no template for them.
    private static readonly string[] Events = [.. Enum.GetValues<NotificationEvent>().Where(e => e != NotificationEvent.Notice).Select(EventName)];

    public static IReadOnlyDictionary<string, ChannelTemplate> Validate(IReadOnlyDictionary<string, NotificationTemplateRequest>? templates, ValidationErrors errors)
    {
        var result = new Dictionary<string, ChannelTemplate>(StringComparer.Ordinal);
        foreach (var (name, template) in templates ?? new Dictionary<string, NotificationTemplateRequest>())
        {
            var field = $"templates.{name}";
            if (!Events.Contains(name))
            {
                errors.Add(field, $"is not an event; templates are given for {string.Join(", ", Events)}.");
                continue;
            }
            var subject = Part(template?.Subject, $"{field}.subject", MaxSubject, errors);
            var text = Part(template?.Text, $"{field}.text", MaxText, errors);
            if (subject is not null || text is not null)
            {
                result[name] = new ChannelTemplate(subject, text);
            }
        }
        return Ordered(result);
    }

    private static string? Part(string? text, string field, int max, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (text.Length > max)
        {
            errors.Add(field, $"must be at most {max} characters.");
            return null;
        }
        if (max == MaxSubject && text.Contains('\n'))
        {
            errors.Add(field, "must be one line.");
            return null;
        }
        TemplateText.Check(text, field, errors);
        return text;
    }

    public static IReadOnlyDictionary<string, ChannelTemplate> Parse(string? stored)
    {
        if (stored is null || JsonNode.Parse(stored) is not JsonObject json)
        {
            return new Dictionary<string, ChannelTemplate>();
        }
        return Ordered(json.ToDictionary(p => p.Key, p => new ChannelTemplate((string?)p.Value?["subject"], (string?)p.Value?["text"])));
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, ChannelTemplate> templates) =>
        new(templates.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject().WithText("subject", t.Value.Subject).WithText("text", t.Value.Text))));

    private static JsonObject WithText(this JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
        return json;
    }

    private static Dictionary<string, ChannelTemplate> Ordered(IEnumerable<KeyValuePair<string, ChannelTemplate>> templates) =>
        templates.OrderBy(t => Array.IndexOf(Events, t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
