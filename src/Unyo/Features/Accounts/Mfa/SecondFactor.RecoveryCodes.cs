using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Mfa;

public sealed partial class SecondFactor
{
    // 16 base-32 characters (80 bits) in groups of four: easy to copy, hopeless to guess.
    public static string NewRecoveryCode()
    {
        var text = Base32.Encode(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
        return string.Join('-', text.Chunk(4).Select(c => new string(c)));
    }

    // Case, spaces and dashes do not matter when typing a code back.
    public static string HashRecoveryCode(string code)
    {
        var normalized = code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var now = time.StoredNow();
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCode { Id = Guid.CreateVersion7(now), UserId = userId, Hash = HashRecoveryCode(code), CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    private async Task<bool> UseRecoveryCodeAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        if (code.Length is < 8 or > 64)
        {
            return false;
        }
        var hash = HashRecoveryCode(code);
        // Marking it used only if nobody else just did makes each code work exactly once.
        var used = await db.RecoveryCodes.Where(c => c.UserId == userId && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, time.StoredNow()), cancellationToken);
        return used == 1;
    }
}
