using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// A channel as the API and YAML describe it after validation, without its secrets (which are
// write-only and travel beside it): the canonical form plans compare, exports write and audit
// records keep. Templates are keyed by event name (`triggered`), in event order.
public sealed record NotificationChannelSpec(
    string Name,
    string Team,
    ChannelKind Kind,
    ChannelUse Use,
    bool Enabled,
    JsonObject Settings,
    IReadOnlyDictionary<string, ChannelTemplate> Templates)
{
    public const string KindName = "NotificationChannel";

    public static NotificationChannelSpec From(NotificationChannel channel, string team) => new(
        channel.Name, team, channel.Kind, channel.Use, channel.Enabled,
        JsonNode.Parse(channel.Settings) as JsonObject ?? [],
        ChannelTemplates.Parse(channel.Templates));

    // secretNotes: what a plan or an audit record says about secrets ("(changed)"), never their values.
    public JsonObject ToDocument(IReadOnlyDictionary<string, string>? secretNotes = null)
    {
        var spec = new JsonObject()
            .With("type", Kind.ToName())
            .With("use", Use.ToName())
            .With("enabled", Enabled)
            .With("settings", Settings.Count == 0 ? null : Settings.DeepClone())
            .With("secrets", secretNotes is { Count: > 0 } ? new JsonObject(secretNotes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => KeyValuePair.Create(n.Key, (JsonNode?)n.Value))) : null)
            .With("templates", Templates.Count == 0 ? null : ChannelTemplates.ToJson(Templates));
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = Team }, spec);
    }

    // Everything but the team (which needs its id) and the secrets.
    public void CopyTo(NotificationChannel channel)
    {
        channel.Name = Name;
        channel.Kind = Kind;
        channel.Use = Use;
        channel.Enabled = Enabled;
        channel.Settings = Settings.ToJsonString();
        channel.Templates = Templates.Count == 0 ? null : ChannelTemplates.ToJson(Templates).ToJsonString();
    }

    public NotificationChannelResponse ToResponse(NotificationChannel channel, IEnumerable<string> secretsSet, string? signingSecret = null) => new(
        Name, Team, Kind.ToName(), Use.ToName(), Enabled, (JsonObject)Settings.DeepClone(), [.. secretsSet.Order(StringComparer.Ordinal)],
        Templates.ToDictionary(t => t.Key, t => new NotificationTemplateRequest { Subject = t.Value.Subject, Text = t.Value.Text }),
        channel.ManagedBy.ToName(), channel.Revision, channel.CreatedAt, channel.UpdatedAt, signingSecret);
}
