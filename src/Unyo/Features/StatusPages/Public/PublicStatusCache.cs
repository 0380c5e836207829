using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Notifications.Outbox;

namespace Unyo.Features.StatusPages.Public;

// The public views of each page, rendered at most once per Fresh per node: during an outage
// everyone opens the page at once, and the database must keep serving the people fixing it.
// Publishing or changing a page on this node renders it again at once (Invalidate); another node
// catches up within Fresh. One render per page at a time: the others wait for it.
public sealed class PublicStatusCache(IServiceScopeFactory scopes, TimeProvider time, NotificationOptions options, ILoggerFactory loggers)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedStatus?>>> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _renderedAt = new(StringComparer.Ordinal);

    public Task<RenderedStatus?> GetAsync(string name)
    {
        var now = time.GetUtcNow();
        var entry = _pages.GetOrAdd(name, Start);
        if (entry.IsValueCreated && entry.Value.IsCompleted && (entry.Value.IsFaulted || _renderedAt.GetValueOrDefault(name) + Fresh <= now))
        {
            var fresh = Start(name);
            entry = _pages.TryUpdate(name, fresh, entry) ? fresh : _pages.GetOrAdd(name, Start);
        }
        return entry.Value;
    }

    public void Invalidate(string name) => _pages.TryRemove(name, out _);

    private Lazy<Task<RenderedStatus?>> Start(string name) => new(() => RenderAsync(name));

    private async Task<RenderedStatus?> RenderAsync(string name)
    {
        _renderedAt[name] = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var page = await db.StatusPages.AsNoTracking().Include(p => p.Components).ThenInclude(c => c.Service)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Name == name);
        if (page is null)
        {
            // Not kept: a flood of made-up names must not fill memory.
            _pages.TryRemove(name, out _);
            return null;
        }
        var snapshot = await scope.ServiceProvider.GetRequiredService<StatusBoard>().SnapshotAsync(page, CancellationToken.None);
        var url = new Uri(options.PublicUrl, $"status/{name}");
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<StatusPublicView>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Snapshot"] = snapshot }))).ToHtmlString());
        var bytes = System.Text.Encoding.UTF8.GetBytes(html);
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
        return new RenderedStatus(RenderedStatus.Body.Of(bytes), RenderedStatus.Body.Of(StatusSummary.Write(snapshot, url.ToString())), RenderedStatus.Body.Of(AtomFeed.Write(snapshot, url)), etag, snapshot.GeneratedAt);
    }
}
