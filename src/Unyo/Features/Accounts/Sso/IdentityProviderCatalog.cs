using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// Writes identity providers for the API and the page with the same rules, auditing each change.
// The client secret is write-only: null keeps the stored one, "" removes it, a value replaces
// it; it is sealed before it reaches the entity and never appears in a record.
public sealed class IdentityProviderCatalog(UnyoDb db, SecretBox secrets, TimeProvider time, AuditLog audit)
{
    public const string Kind = "IdentityProvider";

    // Mappings may only name teams that exist.
    public async Task CheckTeamsAsync(IdentityProviderDefinition definition, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var named = definition.TeamReferences().ToList();
        if (named.Count == 0)
        {
            return;
        }
        var wanted = named.Select(n => n.Team).Distinct().ToList();
        var existing = await db.Teams.Where(t => wanted.Contains(t.Name)).Select(t => t.Name).ToListAsync(cancellationToken);
        foreach (var (index, team) in named.Where(n => !existing.Contains(n.Team)))
        {
            errors.Add($"groupMappings[{index}].team", $"team '{team}' does not exist; create it first.");
        }
    }

    public async Task<IdentityProvider> CreateAsync(IdentityProviderDefinition definition, string? clientSecret, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (await db.IdentityProviders.AnyAsync(p => p.Name == definition.Name, cancellationToken))
        {
            throw NameTaken(definition.Name);
        }
        var now = time.StoredNow();
        var provider = new IdentityProvider
        {
            Id = Guid.CreateVersion7(now), Name = definition.Name, DisplayName = "", Issuer = "", ClientId = "", Scopes = "", EmailClaim = "", NameClaim = "", GroupsClaim = "",
            GroupMappings = "[]", ManagedBy = managedBy, Revision = 1, CreatedAt = now, UpdatedAt = now,
        };
        definition.CopyTo(provider);
        var note = SetSecret(provider, clientSecret);
        db.IdentityProviders.Add(provider);
        audit.Record($"{Kind.ToLowerInvariant()}.create", Kind, provider.Name, null, Snapshot(definition, note), managedBy.ToName());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(definition.Name);
        }
        return provider;
    }

    public async Task UpdateAsync(IdentityProvider provider, IdentityProviderDefinition definition, string? clientSecret, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Snapshot(IdentityProviderDefinition.From(provider), null);
        definition.CopyTo(provider);
        var note = SetSecret(provider, clientSecret);
        audit.Record($"{Kind.ToLowerInvariant()}.update", Kind, provider.Name, before, Snapshot(definition, note), managedBy.ToName());
        provider.ManagedBy = managedBy;
        provider.Revision++;
        provider.UpdatedAt = time.StoredNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("revision", $"identity provider '{provider.Name}' was changed by someone else meanwhile; read it again and retry."),
                StatusCodes.Status412PreconditionFailed,
                "The object changed since you read it.");
        }
    }

    // Links to accounts go with it; the accounts stay (and can sign in with a password or
    // another provider).
    public async Task DeleteAsync(IdentityProvider provider, string source, CancellationToken cancellationToken)
    {
        audit.Record($"{Kind.ToLowerInvariant()}.delete", Kind, provider.Name, Snapshot(IdentityProviderDefinition.From(provider), null), null, source);
        db.IdentityProviders.Remove(provider);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Returns what the audit record says about the secret: that it changed, never what it is.
    public string? SetSecret(IdentityProvider provider, string? clientSecret)
    {
        if (clientSecret is null)
        {
            return null;
        }
        if (clientSecret.Length == 0)
        {
            var had = provider.ProtectedClientSecret is not null;
            provider.ProtectedClientSecret = null;
            return had ? SecretNotes.Removed : null;
        }
        if (secrets.Open(provider.ProtectedClientSecret) == clientSecret)
        {
            return null;
        }
        provider.ProtectedClientSecret = secrets.Seal(clientSecret);
        return SecretNotes.Changed;
    }

    public static JsonObject Snapshot(IdentityProviderDefinition definition, string? secretNote)
    {
        var document = definition.ToDocument();
        if (secretNote is not null)
        {
            ((JsonObject)document["spec"]!)["clientSecret"] = secretNote;
        }
        return document;
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an identity provider named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}

// What plans and audit records show in place of a secret.
public static class SecretNotes
{
    public const string Changed = "(changed)";
    public const string Removed = "(removed)";
}
