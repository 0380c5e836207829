using System.Buffers.Text;
using System.Text;

namespace Unyo.Hosting;

// Opaque keyset cursors: the last key of a page, base64url-encoded. Keyset paging stays fast and
// stable while rows are inserted, unlike offsets.
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    public static bool TryDecode(string? cursor, out string? lastKey)
    {
        lastKey = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            lastKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Checks `limit` and `cursor` query values, adding field errors for bad ones.
    public static (int Limit, string? After) Read(string? cursor, int? limit, ValidationErrors errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}.");
        }
        if (!TryDecode(cursor, out var after))
        {
            errors.Add("cursor", "is not a cursor this server issued.");
        }
        return (limit ?? DefaultLimit, after);
    }
}
