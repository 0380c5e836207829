using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Unyo.Hosting;

// Seals secrets that Unyo must read back (client secrets, webhook URLs, SMTP passwords) before
// they reach the database, with Data Protection under one purpose. The sealed text is what a
// column stores; a reader of the database alone learns nothing from it, but whoever holds the
// key ring (also in the database, see docs/secrets.md) can open it.
public sealed class SecretBox(IDataProtectionProvider protection)
{
    private const string Purpose = "Unyo.Secrets.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Seal(string plaintext)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintext);
        return _protector.Protect(plaintext);
    }

    // Null when the key that sealed it is gone (a lost or replaced key ring): the secret must be
    // set again, which the caller says instead of failing with a 500.
    public string? Open(string? sealedText)
    {
        if (string.IsNullOrEmpty(sealedText))
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(sealedText);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
