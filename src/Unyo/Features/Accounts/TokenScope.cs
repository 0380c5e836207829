namespace Unyo.Features.Accounts;

// What a token may do, at most: the person's role still applies (a viewer's write token writes
// nothing). Ingest tokens only send data to ingest endpoints (later features); they read nothing.
public enum TokenScope
{
    Read,
    Write,
    Admin,
    Ingest,
}

public static class TokenScopes
{
    public static readonly string[] Names = ["read", "write", "admin", "ingest"];

    public static string ToName(this TokenScope scope) => scope.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out TokenScope scope) =>
        Enum.TryParse(name, ignoreCase: true, out scope) && Names.Contains(name!.ToLowerInvariant());
}
