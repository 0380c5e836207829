using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Locations;

// Probe locations and their agent tokens. Admins create and delete them; a location that checks
// still name cannot be deleted (those checks would wait for results that never come).
public sealed class ProbeLocationCatalog(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public const string KindName = "ProbeLocation";

    public async Task<List<ProbeLocationResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var locations = await db.ProbeLocations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken);
        var uses = await UsesAsync(cancellationToken);
        return [.. locations.Select(l => new ProbeLocationResponse(l.Name, l.Description, l.LastSeenAt, l.LastSeenAgent, uses.GetValueOrDefault(l.Name)))];
    }

    public async Task<ProbeLocationResponse> CreateAsync(ProbeLocationRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Slugs.Check(request.Name, "name", errors);
        if (request.Name == CheckDefinition.LocalLocation)
        {
            errors.Add("name", "'local' is the server itself; give a remote location another name.");
        }
        if (request.Description is { Length: > 500 })
        {
            errors.Add("description", "must be at most 500 characters.");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        if (await db.ProbeLocations.AnyAsync(l => l.Name == request.Name, cancellationToken))
        {
            throw NameTaken(request.Name!);
        }
        var now = time.StoredNow();
        var token = NewToken();
        var location = new ProbeLocation
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!, Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            TokenHash = Hash(token), CreatedAt = now, UpdatedAt = now,
        };
        db.ProbeLocations.Add(location);
        audit.RecordHere("probe-location.create", KindName, location.Name, null, new { location.Name, location.Description });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(location.Name);
        }
        return new ProbeLocationResponse(location.Name, location.Description, null, null, 0, token);
    }

    public async Task<ProbeLocationResponse?> RotateTokenAsync(string name, CancellationToken cancellationToken)
    {
        var location = await db.ProbeLocations.SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
        if (location is null)
        {
            return null;
        }
        var token = NewToken();
        location.TokenHash = Hash(token);
        location.UpdatedAt = time.StoredNow();
        audit.RecordHere("probe-location.rotate-token", KindName, name, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return new ProbeLocationResponse(location.Name, location.Description, location.LastSeenAt, location.LastSeenAgent, (await UsesAsync(cancellationToken)).GetValueOrDefault(name), token);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var location = await db.ProbeLocations.SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
        if (location is null)
        {
            return false;
        }
        var users = (await db.Checks.AsNoTracking().Select(c => new { c.Name, c.Locations }).ToListAsync(cancellationToken))
            .Where(c => c.Locations.Contains(name)).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        if (users.Count > 0)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("references", $"location '{name}' runs check {string.Join(", ", users.Take(20))}{(users.Count > 20 ? $" and {users.Count - 20} more" : "")}; take it out of their locations first."),
                StatusCodes.Status409Conflict,
                "Checks still run at this location.");
        }
        audit.RecordHere("probe-location.delete", KindName, name, new { location.Name, location.Description }, null);
        db.ProbeLocations.Remove(location);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static async Task<HashSet<string>> NamesAsync(UnyoDb db, CancellationToken cancellationToken) =>
        [.. await db.ProbeLocations.Select(l => l.Name).ToListAsync(cancellationToken), CheckDefinition.LocalLocation];

    public static string Hash(string token) => PingTokens.Hash(token);

    private async Task<Dictionary<string, int>> UsesAsync(CancellationToken cancellationToken) =>
        (await db.Checks.AsNoTracking().Select(c => c.Locations).ToListAsync(cancellationToken))
            .SelectMany(l => l).GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string NewToken() => ApiTokenAuthenticationHandler.ProbeTokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a location named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
