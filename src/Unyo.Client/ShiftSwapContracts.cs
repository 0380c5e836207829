namespace Unyo.Client;

/// <summary>
/// Asks another person to take a stretch of your shift on a schedule (a cover), optionally offering to take a stretch of
/// theirs in return (a trade). The stretch must be yours in the final schedule, the return stretch theirs.
/// </summary>
public sealed record ShiftSwapRequest
{
    /// <summary>Email of the person asked (required): an enabled user other than you.</summary>
    public string? User { get; init; }
    /// <summary>RFC 3339 instant your stretch begins (required, in the future). The request expires then.</summary>
    public string? Start { get; init; }
    /// <summary>RFC 3339 instant your stretch ends (required): after Start, at most 93 days later.</summary>
    public string? End { get; init; }
    /// <summary>Optional, with <see cref="ReturnEnd"/>: RFC 3339 instant the stretch of theirs you take in return begins.</summary>
    public string? ReturnStart { get; init; }
    /// <summary>Optional, with <see cref="ReturnStart"/>: RFC 3339 instant the stretch you take in return ends.</summary>
    public string? ReturnEnd { get; init; }
    /// <summary>A few words for the person asked (optional, at most 500 characters).</summary>
    public string? Note { get; init; }
}

/// <summary>A shift swap request and what became of it.</summary>
/// <param name="Id">Its id, for <c>POST /api/v1/schedules/{name}/swaps/{id}/accept</c> (decline, cancel).</param>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Kind"><c>cover</c> (one stretch) or <c>trade</c> (a stretch back in return).</param>
/// <param name="Requester">Who asked.</param>
/// <param name="Asked">Who is asked to take the stretch.</param>
/// <param name="Start">The requester's stretch begins (UTC).</param>
/// <param name="End">It ends (UTC, exclusive).</param>
/// <param name="ReturnStart">In a trade: the asked person's stretch that the requester takes begins (UTC).</param>
/// <param name="ReturnEnd">In a trade: it ends (UTC, exclusive).</param>
/// <param name="Note">The requester's note.</param>
/// <param name="Status"><c>pending</c>, <c>accepted</c>, <c>declined</c>, <c>cancelled</c> or <c>expired</c> (a pending request whose first stretch has begun).</param>
/// <param name="CreatedAt">When it was asked (UTC).</param>
/// <param name="ExpiresAt">When it expires if nobody answers: when its first stretch begins (UTC).</param>
/// <param name="ClosedAt">When it was accepted, declined or cancelled, or expired (UTC); null while pending.</param>
/// <param name="ClosedBy">Who accepted, declined or cancelled it (email); null while pending and when it expired.</param>
/// <param name="Overrides">The overrides an accepted swap made, for <c>DELETE /api/v1/schedules/{name}/overrides/{id}</c>.</param>
public sealed record ShiftSwapResponse(
    Guid Id,
    string Schedule,
    string Kind,
    OnCallPersonResponse Requester,
    OnCallPersonResponse Asked,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset? ReturnStart,
    DateTimeOffset? ReturnEnd,
    string? Note,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    IReadOnlyList<Guid> Overrides);

/// <summary>The swap requests of the signed-in person: those asking them and those they made.</summary>
/// <param name="ToMe">Requests that ask me, newest first.</param>
/// <param name="FromMe">Requests I made, newest first.</param>
public sealed record MySwapsResponse(IReadOnlyList<ShiftSwapResponse> ToMe, IReadOnlyList<ShiftSwapResponse> FromMe);
