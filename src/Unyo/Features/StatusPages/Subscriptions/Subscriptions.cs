using Microsoft.EntityFrameworkCore;
using MimeKit;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Subscriptions;

// Email subscriptions with double opt-in. Whatever the address's state (new, waiting for its
// confirmation, already subscribed), the caller sees the same answer, so the form cannot be used
// to learn who follows a page; only the address's owner learns anything, by mail.
public sealed class Subscriptions(UnyoDb db, TimeProvider time, SubscriberMail mail, SubscriberTokens tokens)
{
    public static string? Normalise(string? email, ValidationErrors errors)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("email", "is required: the address to send the confirmation link to.");
            return null;
        }
        if (text.Length > 254 || !MailboxAddress.TryParse(text, out var parsed) || parsed.Name is { Length: > 0 } || parsed.Address != text
            || text.Count(c => c == '@') != 1 || text.Any(char.IsWhiteSpace) || !text[(text.IndexOf('@') + 1)..].Contains('.', StringComparison.Ordinal))
        {
            errors.Add("email", "is not a valid email address, such as name@example.com.");
            return null;
        }
        return text.ToLowerInvariant();
    }

    public Task<bool> PageExistsAsync(string pageName, CancellationToken cancellationToken) =>
        db.StatusPages.AnyAsync(p => p.Name == pageName, cancellationToken);

    // False when there is no such page.
    public async Task<bool> SubscribeAsync(string pageName, string email, CancellationToken cancellationToken)
    {
        var page = await db.StatusPages.AsNoTracking().SingleOrDefaultAsync(p => p.Name == pageName, cancellationToken);
        if (page is null)
        {
            return false;
        }
        var now = time.StoredNow();
        var subscriber = await db.StatusSubscribers.SingleOrDefaultAsync(s => s.PageId == page.Id && s.Email == email, cancellationToken);
        if (subscriber is { Confirmed: true })
        {
            return true;
        }
        if (subscriber is null)
        {
            subscriber = new StatusSubscriber { Id = Guid.CreateVersion7(now), PageId = page.Id, Kind = StatusSubscriberKind.Email, Email = email, CreatedAt = now };
            db.StatusSubscribers.Add(subscriber);
        }
        mail.Confirmation(db, page, subscriber, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address asked twice at once: the other request sent the link.
            return true;
        }
        mail.OnCommitted();
        return true;
    }

    public async Task<bool> ConfirmAsync(string pageName, string token, CancellationToken cancellationToken)
    {
        var subscriber = await FindAsync(pageName, token, "confirm", cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        if (!subscriber.Confirmed)
        {
            (subscriber.Confirmed, subscriber.ConfirmedAt) = (true, time.StoredNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    public async Task<bool> UnsubscribeAsync(string pageName, string token, CancellationToken cancellationToken)
    {
        var subscriber = await FindAsync(pageName, token, "unsubscribe", cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        db.StatusSubscribers.Remove(subscriber);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> KnowsAsync(string pageName, string token, string purpose, CancellationToken cancellationToken) =>
        await FindAsync(pageName, token, purpose, cancellationToken) is not null;

    private async Task<StatusSubscriber?> FindAsync(string pageName, string token, string purpose, CancellationToken cancellationToken) =>
        tokens.Read(token, purpose) is { } id
            ? await db.StatusSubscribers.SingleOrDefaultAsync(s => s.Id == id && db.StatusPages.Any(p => p.Id == s.PageId && p.Name == pageName), cancellationToken)
            : null;
}
