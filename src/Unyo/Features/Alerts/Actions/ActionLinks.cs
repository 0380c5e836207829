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

    // The expiry travels inside the signed payload and is judged by the TimeProvider, so every
    // node and every test clock agree on it.
    private readonly IDataProtector _protector = protection.CreateProtector("Unyo.AlertActions.v1");

    public string Token(AlertActionKind action, long alertId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{action}:{alertId}:{(time.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}"));

    // Null for a forged, altered or expired token.
    public (AlertActionKind Action, long AlertId)? Read(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            return parts.Length == 3
                && Enum.TryParse<AlertActionKind>(parts[0], out var action)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) > time.GetUtcNow()
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
