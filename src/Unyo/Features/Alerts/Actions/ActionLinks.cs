using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Unyo.Features.Alerts.Actions;

// Links in messages that acknowledge or resolve one alert without signing in: signed (Data
// Protection, so every node can check them), expiring, and good for one action on one alert.
// Opening the link shows a confirmation; only the button acts, so mail scanners that fetch
// links cannot acknowledge a page for the person.
public sealed class ActionLinks(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Unyo.AlertActions.v1").ToTimeLimitedDataProtector();

    public string Token(AlertActionKind action, long alertId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{action}:{alertId}"), time.GetUtcNow() + Lifetime);

    // Null for a forged, altered or expired token.
    public (AlertActionKind Action, long AlertId)? Read(string token)
    {
        try
        {
            var payload = _protector.Unprotect(token, out var expires);
            if (expires <= time.GetUtcNow())
            {
                return null;
            }
            var parts = payload.Split(':');
            return parts.Length == 2 && Enum.TryParse<AlertActionKind>(parts[0], out var action) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)
                ? (action, id)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
