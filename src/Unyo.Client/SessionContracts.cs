namespace Unyo.Client;

/// <summary>A signed-in browser session.</summary>
/// <param name="Id">Session id; pass it to DELETE /api/v1/me/sessions/{id}.</param>
/// <param name="Device">Browser and system read from the User-Agent, for example "Firefox on Linux".</param>
/// <param name="UserAgent">The User-Agent header as sent at sign-in.</param>
/// <param name="Method">How the person signed in: "password" or "oidc:&lt;provider&gt;".</param>
/// <param name="SignedInAt">When the session started.</param>
/// <param name="LastSeenAt">The last request (recorded at most once a minute).</param>
/// <param name="LastSeenFrom">The client address of that request.</param>
/// <param name="IdleExpiresAt">When it ends unless used again.</param>
/// <param name="ExpiresAt">When it ends whatever happens (the absolute timeout).</param>
/// <param name="Current">True for the session making this request.</param>
public sealed record SessionResponse(
    Guid Id, string Device, string? UserAgent, string Method, DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt,
    string? LastSeenFrom, DateTimeOffset IdleExpiresAt, DateTimeOffset ExpiresAt, bool Current);

/// <summary>How many sessions a revocation ended.</summary>
public sealed record SessionsEndedResponse(int Ended);
