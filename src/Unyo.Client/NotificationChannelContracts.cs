using System.Text.Json.Nodes;

namespace Unyo.Client;

/// <summary>A per-channel override of the text of one event: either part may be left out to keep the default.</summary>
/// <remarks>
/// Placeholders are written <c>{{name}}</c>: summary, service, team, severity, urgency, status, source, dedupKey, alertId, alertUrl,
/// runbookUrl (the link, or <c>no runbook</c>), acknowledgeUrl, resolveUrl, details, occurrences, occurredAt, event and channel. A line
/// whose placeholders are all empty (a resolve link on a resolved alert) is left out. Unknown placeholders are refused.
/// </remarks>
public sealed record NotificationTemplateRequest
{
    /// <summary>The subject (email) or title (chat cards), at most 300 characters.</summary>
    public string? Subject { get; init; }
    /// <summary>The body, at most 4000 characters.</summary>
    public string? Text { get; init; }
}

/// <summary>Creates or replaces a notification channel. Checked by the same validator the YAML kind <c>NotificationChannel</c> uses.</summary>
public sealed record NotificationChannelRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team (required): its members and admins may change the channel.</summary>
    public string? Team { get; init; }
    /// <summary>email, slack, teams, discord, mattermost, webhook, pagerduty, sms or voice (required).</summary>
    public string? Type { get; init; }
    /// <summary>paging or chat: which alerts reach the channel when no route names it (high urgency: paging, low: chat). Chat for slack, teams, discord and mattermost, paging otherwise.</summary>
    public string? Use { get; init; }
    /// <summary>False keeps the channel but sends nothing to it. True by default.</summary>
    public bool? Enabled { get; init; }
    /// <summary>The type's public settings (see docs/notifications.md): <c>to</c> for email, <c>url</c> for pagerduty, <c>accountSid</c>, <c>from</c> and <c>to</c> for sms and voice…</summary>
    public JsonObject? Settings { get; init; }
    /// <summary>
    /// The type's write-only settings: <c>url</c> of chat and webhook channels, <c>signingSecret</c> of webhooks, <c>routingKey</c> of pagerduty,
    /// <c>authToken</c> of sms and voice. Never returned. On replace, a secret left out keeps the stored one and an empty string removes an optional one.
    /// </summary>
    public Dictionary<string, string?>? Secrets { get; init; }
    /// <summary>Overrides of the default texts, by event: triggered, acknowledged, resolved, escalated, test.</summary>
    public Dictionary<string, NotificationTemplateRequest>? Templates { get; init; }
}

/// <summary>A stored notification channel, without its secrets. The <c>ETag</c> header of a single-channel response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Team">Slug of the owning team.</param>
/// <param name="Type">email, slack, teams, discord, mattermost, webhook, pagerduty, sms or voice.</param>
/// <param name="Use">paging or chat.</param>
/// <param name="Enabled">False when nothing is sent to it.</param>
/// <param name="Settings">The public settings.</param>
/// <param name="SecretsSet">The names of the write-only settings that hold a value (never the values).</param>
/// <param name="Templates">The overrides of the default texts, by event.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="SigningSecret">Only in the answer to the create or replace that generated it (a webhook created without one, or replaced with <c>"signingSecret": ""</c>): shown this once.</param>
public sealed record NotificationChannelResponse(
    string Name,
    string Team,
    string Type,
    string Use,
    bool Enabled,
    JsonObject Settings,
    IReadOnlyList<string> SecretsSet,
    IReadOnlyDictionary<string, NotificationTemplateRequest> Templates,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? SigningSecret = null);

/// <summary>What a test message to a channel came to.</summary>
/// <param name="Result">delivered, retryLater (the receiver is down or busy; the outbox would try again) or rejected (it refused the message for good).</param>
/// <param name="StatusCode">The receiver's HTTP or SMTP status code, when it answered.</param>
/// <param name="Detail">The receiver's answer or the error, short.</param>
/// <param name="RetryAfterSeconds">When the receiver said when to try again.</param>
public sealed record ChannelTestResponse(string Result, int? StatusCode, string? Detail, double? RetryAfterSeconds);
