using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Checks of the fields that declaring and changing share, each naming its field.
public static class IncidentFields
{
    public static string? Title(string? title, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(field, "is required: one line saying what is broken.");
            return null;
        }
        if (title.Length > 200 || title.Contains('\n'))
        {
            errors.Add(field, "is one line of at most 200 characters.");
        }
        return title.Trim();
    }

    public static void Severity(int? severity, string field, bool required, ValidationErrors errors)
    {
        if (severity is null ? required : severity is not (>= 1 and <= 4))
        {
            errors.Add(field, "must be 1 (SEV1, the worst), 2, 3 or 4.");
        }
    }

    public static void Summary(string? summary, string field, ValidationErrors errors)
    {
        if (summary is { Length: > 20000 })
        {
            errors.Add(field, "is at most 20000 characters.");
        }
    }

    public static async Task<List<Service>> ServicesAsync(UnyoDb db, IReadOnlyList<string> names, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var found = await db.Services.Where(s => names.Contains(s.Name)).ToListAsync(cancellationToken);
        for (var i = 0; i < names.Count; i++)
        {
            if (!found.Exists(s => s.Name == names[i]))
            {
                errors.Add($"{field}[{i}]", $"service '{names[i]}' does not exist.");
            }
        }
        return found;
    }

    public static async Task<List<Guid>> TeamsAsync(UnyoDb db, IReadOnlyList<string> names, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var found = await db.Teams.Where(t => names.Contains(t.Name)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        for (var i = 0; i < names.Count; i++)
        {
            if (!found.Exists(t => t.Name == names[i]))
            {
                errors.Add($"{field}[{i}]", $"team '{names[i]}' does not exist.");
            }
        }
        return [.. found.Select(t => t.Id)];
    }

    public static async Task<Guid?> PersonAsync(UnyoDb db, string email, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var user = await db.Users.Where(u => u.Email == email).Select(u => new { u.Id, u.Disabled }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.Disabled)
        {
            errors.Add(field, user is null ? $"there is no person with email '{email}'." : $"'{email}' is disabled and cannot take a role.");
            return null;
        }
        return user.Id;
    }
}
