using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.Alerts.Api;

// Whom an alert can be handed to: an active person of the organisation, by email or user id.
public static class Assignees
{
    public static async Task<User?> FindAsync(UnyoDb db, string? who, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(who))
        {
            return null;
        }
        var text = who.Trim();
        var user = Guid.TryParse(text, out var id)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == text.ToLowerInvariant(), cancellationToken);
        return user is { Disabled: false } ? user : null;
    }
}
