using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.StatusPages.Public;
using Unyo.Features.StatusPages.Subscriptions;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

// Reads and writes status pages for the API and the pages. Every write checks its team,
// services and checks before it saves, and saves once with its audit record.
public sealed partial class StatusPageCatalog(UnyoDb db, TimeProvider time, AuditLog audit, StatusBoard board, PublicStatusCache cache, NotificationOptions options)
{
    public Task<StatusPage?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.StatusPages.Include(p => p.Team).Include(p => p.Components).ThenInclude(c => c.Service)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Name == name, cancellationToken);

    public async Task<Page<StatusPageResponse>> ListAsync(string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<StatusPage> query = db.StatusPages.AsNoTracking().Include(p => p.Team).Include(p => p.Components).ThenInclude(c => c.Service).AsSplitQuery();
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(p => p.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Name, after) > 0);
        }
        var rows = await query.OrderBy(p => p.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var responses = new List<StatusPageResponse>(page.Count);
        foreach (var statusPage in page)
        {
            responses.Add(await ToResponseAsync(statusPage, cancellationToken));
        }
        return new Page<StatusPageResponse>(responses, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<StatusPageResponse> ToResponseAsync(StatusPage page, CancellationToken cancellationToken)
    {
        var snapshot = await board.SnapshotAsync(page, cancellationToken);
        var subscribers = await db.StatusSubscribers.CountAsync(s => s.PageId == page.Id && s.Confirmed, cancellationToken);
        var components = page.Components.OrderBy(c => c.Position)
            .Select((c, i) => new StatusComponentResponse(c.Service!.Name, snapshot.Components[i].Name, c.Group, c.Check, snapshot.Components[i].Status.ToName()))
            .ToList();
        return new StatusPageResponse(page.Name, page.Team!.Name, page.Title, page.Description, components, PublicUrl(page.Name), subscribers,
            page.ManagedBy.ToName(), page.Revision, page.CreatedAt, page.UpdatedAt);
    }

    public string PublicUrl(string name) => new Uri(options.PublicUrl, $"status/{name}").ToString();

    public Task<int> SubscriberCountAsync(Guid pageId, CancellationToken cancellationToken) =>
        db.StatusSubscribers.CountAsync(s => s.PageId == pageId && s.Confirmed, cancellationToken);

    internal static IQueryable<StatusSubscriber> Confirmed(UnyoDb db, Guid pageId) =>
        db.StatusSubscribers.Where(s => s.PageId == pageId && s.Confirmed);
}
