namespace Unyo.Client;

/// <summary>Sets where and when a person works, which on-call analytics use to tell off-hours and night pages.</summary>
public sealed record OnCallProfileRequest
{
    /// <summary>The IANA time zone the person lives in (required), such as <c>Europe/London</c>.</summary>
    public string? TimeZone { get; init; }
    /// <summary>The weekdays they work (<c>mon</c> … <c>sun</c>, 1 to 7 distinct days); <c>mon</c>–<c>fri</c> when omitted.</summary>
    public IReadOnlyList<string>? WorkDays { get; init; }
    /// <summary>Time of day <c>HH:mm</c> work starts on those days; <c>09:00</c> when omitted.</summary>
    public string? WorkFrom { get; init; }
    /// <summary>Time of day <c>HH:mm</c> work ends, after <see cref="WorkFrom"/> on the same day; <c>17:00</c> when omitted.</summary>
    public string? WorkTo { get; init; }
}

/// <summary>A person's on-call profile.</summary>
/// <param name="Email">Whose.</param>
/// <param name="TimeZone">Their IANA time zone; <c>UTC</c> until they set one.</param>
/// <param name="WorkDays">The weekdays they work, Monday first.</param>
/// <param name="WorkFrom">When work starts (<c>HH:mm</c>, their zone).</param>
/// <param name="WorkTo">When work ends (<c>HH:mm</c>, their zone).</param>
/// <param name="IsDefault">True while they have not set one: mon–fri 09:00–17:00 UTC is assumed.</param>
/// <param name="UpdatedAt">When it last changed (UTC); null while it is the default.</param>
public sealed record OnCallProfileResponse(string Email, string TimeZone, IReadOnlyList<string> WorkDays, string WorkFrom, string WorkTo, bool IsDefault, DateTimeOffset? UpdatedAt);
