using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Unyo.Features.Accounts.Mfa;

// Carries "the password was right" from the first sign-in form to the second, in a hidden field.
// It is encrypted and signed with Data Protection, names the user and their security stamp (a
// password change voids it) and expires after five minutes. It is not a session: nothing but the
// code form accepts it.
public sealed class SignInTicket(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Unyo.SignIn.SecondFactor");

    public string Issue(User user)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeMilliseconds();
        return _protector.Protect($"{user.Id:N}|{user.SecurityStamp}|{expires.ToString(CultureInfo.InvariantCulture)}");
    }

    // The user id and stamp the ticket vouches for, or null if it is forged, garbled or expired.
    public (Guid UserId, string SecurityStamp)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 2000)
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(ticket);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var userId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().ToUnixTimeMilliseconds() > expires)
        {
            return null;
        }
        return (userId, parts[1]);
    }
}
