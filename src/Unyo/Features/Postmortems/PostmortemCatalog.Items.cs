using Microsoft.EntityFrameworkCore;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// Action items: added and changed one at a time, each change audited.
public sealed partial class PostmortemCatalog
{
    public async Task<ActionItem> AddItemAsync(Postmortem postmortem, ActionItemSpec spec, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        var item = new ActionItem { PostmortemId = postmortem.Id, Title = spec.Title, CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(item, spec, cancellationToken);
        db.ActionItems.Add(item);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Named by its id, which exists after the insert: both saves in one transaction.
        audit.RecordHere("postmortem.action-item-create", Kind, $"{Name(postmortem)}/{item.Id}", null, ItemDocument(item));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return item;
    }

    public async Task<ActionItem?> FindItemAsync(long postmortemId, long itemId, CancellationToken cancellationToken) =>
        await db.ActionItems.Include(a => a.Owner).SingleOrDefaultAsync(a => a.PostmortemId == postmortemId && a.Id == itemId, cancellationToken);

    public async Task UpdateItemAsync(Postmortem postmortem, ActionItem item, ActionItemSpec spec, CancellationToken cancellationToken)
    {
        var before = ItemDocument(item);
        await ApplyAsync(item, spec, cancellationToken);
        item.UpdatedAt = time.StoredNow();
        audit.RecordHere("postmortem.action-item-update", Kind, $"{Name(postmortem)}/{item.Id}", before, ItemDocument(item));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyAsync(ActionItem item, ActionItemSpec spec, CancellationToken cancellationToken)
    {
        Accounts.User? owner = null;
        if (spec.OwnerEmail is { } email)
        {
            owner = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
            if (owner is null || owner.Disabled)
            {
                throw new RequestValidationException(new ValidationErrors().Add("owner", owner is null ? $"there is no user '{email}'." : $"user '{email}' is disabled."));
            }
        }
        item.Title = spec.Title;
        item.OwnerId = owner?.Id;
        item.Owner = owner;
        item.DueOn = spec.DueOn;
        item.Priority = spec.Priority;
        item.Status = spec.Status;
        item.DeclineReason = spec.DeclineReason;
        item.TicketUrl = spec.TicketUrl;
    }

    private static object ItemDocument(ActionItem a) => new
    {
        a.Title, owner = a.Owner?.Email, due = a.DueOn, priority = a.Priority.ToString(), status = a.Status.Name(), a.DeclineReason, a.TicketUrl,
    };

    // The overdue items of the postmortems of incidents that hurt the service, as far as the
    // caller may see those incidents.
    public async Task<List<OverdueItem>> OverdueOfServiceAsync(string service, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = Today();
        var incidents = db.IncidentImpacts.Where(i => i.Service!.Name == service).Select(i => i.IncidentId);
        var found = await Visible(user).Where(p => incidents.Contains(p.IncidentId))
            .Join(db.ActionItems, p => p.Id, a => a.PostmortemId, (p, a) => new { Item = a, p.Title })
            .Where(x => (x.Item.Status == ActionItemStatus.Open || x.Item.Status == ActionItemStatus.InProgress) && x.Item.DueOn != null && x.Item.DueOn < today)
            .Select(x => new { x.Item.Id, x.Item.Title, Owner = x.Item.Owner!.Email, x.Item.DueOn, x.Item.Priority, x.Item.PostmortemId, PostmortemTitle = x.Title })
            .AsNoTracking().ToListAsync(cancellationToken);
        return [.. found.OrderBy(x => x.DueOn).ThenBy(x => x.Id).Select(x => new OverdueItem(x.Id, x.Title, x.Owner, x.DueOn, x.Priority.ToString(), x.PostmortemId, x.PostmortemTitle))];
    }
}
