using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// `kind: IdentityProvider`. Admin business throughout: only admins plan, apply or export it.
// The client secret is write-only here too: a document may set it (`clientSecret`), exports never
// hold it, and a document without it keeps the stored one and plans no change for it.
public sealed class IdentityProviderKind(UnyoDb db, IdentityProviderCatalog catalog, SecretBox secrets, TimeProvider time) : IConfigKind
{
    // Stored secrets by provider name, read by LoadAsync, so that a document repeating the
    // stored secret plans no change. Kept only for this request (the kind is scoped).
    private readonly Dictionary<string, string?> _storedSecrets = new(StringComparer.Ordinal);

    public string Kind => IdentityProviderCatalog.Kind;
    public int Order => 15;

    public bool CanRead(ClaimsPrincipal user) => user.IsAdmin();

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, _) = ConfigDocuments.ReadMetadata(document, owned: false, error);
        var spec = ConfigDocuments.ReadSpec<IdentityProviderSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = IdentityProviderDefinition.Validate(new IdentityProviderRequest
        {
            Name = name, DisplayName = spec.DisplayName, Issuer = spec.Issuer, ClientId = spec.ClientId, ClientSecret = spec.ClientSecret,
            Scopes = spec.Scopes, EmailClaim = spec.EmailClaim, NameClaim = spec.NameClaim, GroupsClaim = spec.GroupsClaim,
            JitProvisioning = spec.JitProvisioning, JitRole = spec.JitRole, GroupMappings = spec.GroupMappings, Enabled = spec.Enabled,
        }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field == "name" ? "metadata.name" : $"spec.{field}", message);
        }
        return definition is null ? null : new IdentityProviderConfig(definition, spec.ClientSecret);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        var providers = await db.IdentityProviders.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var provider in providers)
        {
            _storedSecrets[provider.Name] = secrets.Open(provider.ProtectedClientSecret);
        }
        return [.. providers.Select(p => new ConfigObject(new IdentityProviderConfig(IdentityProviderDefinition.From(p), null), p.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition)
    {
        var config = (IdentityProviderConfig)definition;
        return IdentityProviderCatalog.Snapshot(config.Provider, SecretNote(config));
    }

    // A document's secret shows in a plan only as "(changed)" or "(removed)", and only when it
    // differs from the stored one.
    private string? SecretNote(IdentityProviderConfig config)
    {
        var stored = _storedSecrets.GetValueOrDefault(config.Name);
        return config.ClientSecret switch
        {
            null => null,
            "" => stored is null ? null : SecretNotes.Removed,
            var secret => secret == stored ? null : SecretNotes.Changed,
        };
    }

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        foreach (var config in state.Of(Kind).Values.Cast<IdentityProviderConfig>())
        {
            var written = state.IsWritten(Kind, config.Name);
            foreach (var (index, team) in config.Provider.TeamReferences())
            {
                if (!teams.ContainsKey(team) && (written || state.IsDeleted("Team", team)))
                {
                    error(config.Name, $"spec.groupMappings[{index}].team", $"team '{team}' does not exist (and is not in the files, or is being pruned).");
                }
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        Task.FromResult(user.IsAdmin());

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var names = definitions.Select(d => d.Name).ToList();
        var existing = await db.IdentityProviders.Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var config in definitions.Cast<IdentityProviderConfig>())
        {
            if (!existing.TryGetValue(config.Name, out var provider))
            {
                provider = new IdentityProvider
                {
                    Id = Guid.CreateVersion7(now), Name = config.Name, DisplayName = "", Issuer = "", ClientId = "", Scopes = "", EmailClaim = "", NameClaim = "", GroupsClaim = "",
                    GroupMappings = "[]", CreatedAt = now,
                };
                db.IdentityProviders.Add(provider);
            }
            config.Provider.CopyTo(provider);
            catalog.SetSecret(provider, config.ClientSecret);
            provider.ManagedBy = ManagedBy.Apply;
            provider.Revision++;
            provider.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.IdentityProviders.Where(p => names.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record IdentityProviderConfig(IdentityProviderDefinition Provider, string? ClientSecret) : IConfigDefinition
    {
        public string Name => Provider.Name;
    }

    private sealed class IdentityProviderSpec
    {
        public string? DisplayName { get; init; }
        public string? Issuer { get; init; }
        public string? ClientId { get; init; }
        public string? ClientSecret { get; init; }
        public string? Scopes { get; init; }
        public string? EmailClaim { get; init; }
        public string? NameClaim { get; init; }
        public string? GroupsClaim { get; init; }
        public bool? JitProvisioning { get; init; }
        public string? JitRole { get; init; }
        public List<GroupMapping>? GroupMappings { get; init; }
        public bool? Enabled { get; init; }
    }
}
