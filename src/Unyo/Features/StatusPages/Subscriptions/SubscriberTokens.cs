using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Unyo.Features.StatusPages.Subscriptions;

// The links in subscriber mail: signed with Data Protection (the key ring every node shares),
// naming the purpose and the subscriber. A confirmation link expires; an unsubscribe link lasts
// as long as the subscription (mail stays in inboxes for years).
public sealed class SubscriberTokens(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan ConfirmFor = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = protection.CreateProtector("Unyo.StatusSubscribers.v1");

    public string Confirm(Guid subscriberId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"confirm:{subscriberId}:{(time.GetUtcNow() + ConfirmFor).ToUnixTimeSeconds()}"));

    public string Unsubscribe(Guid subscriberId) => _protector.Protect($"unsubscribe:{subscriberId}:0");

    // The subscriber a token names for `purpose`, or null when it is not ours, is for something
    // else, or has expired.
    public Guid? Read(string token, string purpose)
    {
        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != purpose || !Guid.TryParse(parts[1], out var id) || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }
        return expires != 0 && time.GetUtcNow().ToUnixTimeSeconds() > expires ? null : id;
    }
}
