using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// `kind: Silence`. metadata.team is optional (admins only: an organisation-wide silence). A file
// names its window with fixed instants; one that has ended may stay in the file (it is simply
// expired) so an old file still applies. An early end (expire) is not part of the definition:
// applying the same file again keeps the silence expired.
public sealed class SilenceKind(UnyoDb db, SilenceAccess access, TimeProvider time, SilenceBook book) : IConfigKind
{
    public string Kind => SilenceSpec.KindName;
    // After teams and services, which a silence names.
    public int Order => 65;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, (path, message) =>
        {
            // The team may be left out: an organisation-wide silence.
            if (!(path == "metadata.team" && message.StartsWith("is required", StringComparison.Ordinal)))
            {
                error(path, message);
            }
        });
        var spec = ConfigDocuments.ReadSpec<SilenceDocumentSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        if (spec.StartsAt is null)
        {
            error("spec.startsAt", "is required in a file: an instant such as 2026-03-01T22:00:00Z (a file has no \"now\").");
        }
        var errors = new ValidationErrors();
        var definition = SilenceValidator.Validate(new SilenceRequest
        {
            Name = name,
            Team = team,
            Matchers = spec.Matchers,
            StartsAt = spec.StartsAt,
            EndsAt = spec.EndsAt,
            Duration = spec.Duration,
            Comment = spec.Comment,
        }, time.GetUtcNow(), endMustBeAhead: false, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null || spec.StartsAt is null ? null : new SilenceConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.Silences.AsNoTracking().Select(s => new { Silence = s, Team = s.Team == null ? null : s.Team.Name }).ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new SilenceConfig(SilenceSpec.From(r.Silence, r.Team)), r.Silence.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((SilenceConfig)definition).Silence.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        foreach (var silence in state.Of(Kind).Values.Cast<SilenceConfig>().Select(c => c.Silence))
        {
            if (silence.Team is { } team && !teams.ContainsKey(team) && (state.IsWritten(Kind, silence.Name) || state.IsDeleted("Team", team)))
            {
                error(silence.Name, "metadata.team", $"team '{team}' does not exist (and is not in the files, or is being pruned).");
            }
        }
    }

    // The API's rules, member's matcher rule included (a refusal here names no field: the plan
    // says which silence the caller may not apply).
    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        var old = (before as SilenceConfig)?.Silence;
        var now = (after as SilenceConfig)?.Silence;
        if (await access.RefusalAsync(user, old is not null, old?.Team, now, cancellationToken) is not null)
        {
            return false;
        }
        var errors = new ValidationErrors();
        if (now is not null)
        {
            await access.CheckScopeAsync(user, now, errors, cancellationToken);
        }
        return errors.IsEmpty;
    }

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<SilenceConfig>().Select(c => c.Silence).ToList();
        var names = wanted.Select(s => s.Name).ToList();
        var teamNames = wanted.Select(s => s.Team).OfType<string>().Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var existing = await db.Silences.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var silence))
            {
                silence = new Silence { Id = Guid.CreateVersion7(now), Name = definition.Name, Comment = definition.Comment, CreatedBy = ManagedBy.Apply.ToName(), CreatedAt = now };
                db.Silences.Add(silence);
            }
            definition.CopyTo(silence);
            silence.TeamId = definition.Team is null ? null : teams[definition.Team];
            silence.ManagedBy = ManagedBy.Apply;
            silence.Revision++;
            silence.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        book.Invalidate();
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.Silences.Where(s => names.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);
        book.Invalidate();
    }

    private sealed record SilenceConfig(SilenceSpec Silence) : IConfigDefinition
    {
        public string Name => Silence.Name;
    }

    private sealed class SilenceDocumentSpec
    {
        public List<LabelMatcherRequest?>? Matchers { get; init; }
        public DateTimeOffset? StartsAt { get; init; }
        public DateTimeOffset? EndsAt { get; init; }
        public string? Duration { get; init; }
        public string? Comment { get; init; }
    }
}
