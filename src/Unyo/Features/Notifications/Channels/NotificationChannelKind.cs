using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// `kind: NotificationChannel`. Secrets are write-only here too: a document may set them under
// `spec.secrets`, exports never hold them, and a document without one keeps the stored one and
// plans no change for it. A webhook created from YAML needs its signing secret in the document:
// a generated one could never be shown.
public sealed class NotificationChannelKind(UnyoDb db, ChannelAccess access, ChannelSecrets secrets, CheckTargets targets, TimeProvider time) : IConfigKind
{
    // What is stored, by channel name, read by LoadAsync for this request only (the kind is scoped).
    private readonly Dictionary<string, (ChannelKind Kind, Dictionary<string, string> Secrets)> _stored = new(StringComparer.Ordinal);
    private TargetAllowList _allowed = TargetAllowList.Empty;

    public string Kind => NotificationChannelSpec.KindName;
    // After teams; before the alert routes that name channels.
    public int Order => 62;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<ChannelDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = NotificationChannelValidator.Validate(new NotificationChannelRequest
        {
            Name = name, Team = team, Type = spec.Type, Use = spec.Use, Enabled = spec.Enabled,
            Settings = spec.Settings, Secrets = spec.Secrets, Templates = spec.Templates,
        }, errors, out var secretChanges);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new ChannelConfig(definition, secretChanges);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        _allowed = await targets.AllowListAsync(cancellationToken);
        var rows = await db.NotificationChannels.AsNoTracking().Select(c => new { Channel = c, Team = c.Team!.Name }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            _stored[row.Channel.Name] = (row.Channel.Kind, secrets.Open(row.Channel));
        }
        return [.. rows.Select(r => new ConfigObject(new ChannelConfig(NotificationChannelSpec.From(r.Channel, r.Team), new Dictionary<string, string>()), r.Channel.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition)
    {
        var config = (ChannelConfig)definition;
        var stored = Stored(config);
        return config.Channel.ToDocument(ChannelSecrets.Notes(stored, ChannelSecrets.Merge(config.Channel.Kind, stored, config.Secrets)));
    }

    private Dictionary<string, string> Stored(ChannelConfig config) =>
        _stored.TryGetValue(config.Name, out var stored) && stored.Kind == config.Channel.Kind ? stored.Secrets : [];

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        foreach (var config in state.Of(Kind).Values.Cast<ChannelConfig>())
        {
            var written = state.IsWritten(Kind, config.Name);
            if (!teams.ContainsKey(config.Channel.Team) && (written || state.IsDeleted("Team", config.Channel.Team)))
            {
                error(config.Name, "metadata.team", $"team '{config.Channel.Team}' does not exist (and is not in the files, or is being pruned).");
            }
            if (!written)
            {
                continue;
            }
            var merged = ChannelSecrets.Merge(config.Channel.Kind, Stored(config), config.Secrets);
            var errors = new ValidationErrors();
            if (config.Channel.Kind == ChannelKind.Webhook && !merged.ContainsKey(ChannelKinds.SigningSecret))
            {
                errors.Add($"secrets.{ChannelKinds.SigningSecret}", "is required in YAML (16 to 200 characters): a generated one could never be shown to you.");
            }
            ChannelSecrets.Complete(config.Channel.Kind, merged, errors);
            ChannelTargetGuard.Check(config.Channel, merged, _allowed, errors);
            foreach (var (field, message) in errors.All)
            {
                error(config.Name, $"spec.{field}", message);
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        access.CanChangeAsync(user, (before as ChannelConfig)?.Channel.Team, (after as ChannelConfig)?.Channel.Team, cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<ChannelConfig>().ToList();
        var names = wanted.Select(c => c.Name).ToList();
        var teamNames = wanted.Select(c => c.Channel.Team).Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var existing = await db.NotificationChannels.Where(c => names.Contains(c.Name)).ToDictionaryAsync(c => c.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var config in wanted)
        {
            if (!existing.TryGetValue(config.Name, out var channel))
            {
                channel = new NotificationChannel { Id = Guid.CreateVersion7(now), Name = config.Name, Settings = "{}", CreatedAt = now };
                db.NotificationChannels.Add(channel);
            }
            var merged = ChannelSecrets.Merge(config.Channel.Kind, channel.Kind == config.Channel.Kind ? secrets.Open(channel) : [], config.Secrets);
            config.Channel.CopyTo(channel);
            channel.TeamId = teams[config.Channel.Team];
            channel.SealedSecrets = secrets.Seal(merged);
            channel.ManagedBy = ManagedBy.Apply;
            channel.Revision++;
            channel.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.NotificationChannels.Where(c => names.Contains(c.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record ChannelConfig(NotificationChannelSpec Channel, IReadOnlyDictionary<string, string> Secrets) : IConfigDefinition
    {
        public string Name => Channel.Name;
    }

    private sealed class ChannelDocumentSpec
    {
        public string? Type { get; init; }
        public string? Use { get; init; }
        public bool? Enabled { get; init; }
        public JsonObject? Settings { get; init; }
        public Dictionary<string, string?>? Secrets { get; init; }
        public Dictionary<string, NotificationTemplateRequest>? Templates { get; init; }
    }
}
