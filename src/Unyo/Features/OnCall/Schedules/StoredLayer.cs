using System.Text.Json;
using Unyo.Client;
using Unyo.Features.Maintenance;

namespace Unyo.Features.OnCall.Schedules;

// A layer as Schedule.Layers keeps it: the canonical spec with users by id. Only validated specs
// are stored, so reading one back never fails on its text.
public sealed record StoredLayer(string Name, IReadOnlyList<Guid> Users, string Turn, int TurnCount, string Start, string? End, IReadOnlyList<ScheduleRestrictionRequest>? Restrictions, IReadOnlyList<StoredShift>? Shifts = null)
{
    public const string FixedTurn = "fixed";

    public bool IsFixed => Turn == FixedTurn;

    // Everyone the layer can put on call: its rotation, or the people of its fixed shifts.
    public IEnumerable<Guid> People => IsFixed ? (Shifts ?? []).Select(s => s.User) : Users;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IEnumerable<StoredLayer> layers) => JsonSerializer.Serialize(layers.ToList(), Json);

    public static List<StoredLayer> Read(string json) => JsonSerializer.Deserialize<List<StoredLayer>>(json, Json) ?? [];

    public static StoredLayer From(ScheduleLayerRequest layer, IReadOnlyDictionary<string, Guid> users) => layer.Turn == FixedTurn
        ? new(layer.Name!, [], FixedTurn, 0, "", null, layer.Restrictions,
            [.. layer.Shifts!.Select(s => new StoredShift(users[s.User!], ScheduleFormats.ParseInstant(s.Start)!.Value, ScheduleFormats.ParseInstant(s.End)!.Value))])
        : new(layer.Name!, [.. layer.Users!.Select(e => users[e])], layer.Turn!, layer.TurnCount!.Value, layer.Start!, layer.End, layer.Restrictions);

    // Users no longer there (removed from the organisation) are kept as their ids and shown so;
    // their turns stay in the rotation until someone edits the layer.
    public ScheduleLayerRequest ToContract(IReadOnlyDictionary<Guid, string> emails) => new()
    {
        Name = Name,
        Users = [.. Users.Select(id => Email(emails, id))],
        Turn = Turn,
        TurnCount = IsFixed ? null : TurnCount,
        Start = IsFixed ? null : Start,
        End = End,
        Restrictions = Restrictions is { Count: > 0 } ? Restrictions : null,
        Shifts = IsFixed ? [.. (Shifts ?? []).Select(s => new ScheduleFixedShiftRequest { User = Email(emails, s.User), Start = ScheduleFormats.Instant(s.Start), End = ScheduleFormats.Instant(s.End) })] : null,
    };

    private static string Email(IReadOnlyDictionary<Guid, string> emails, Guid id) => emails.TryGetValue(id, out var email) ? email : $"removed-user-{id}";

    public ScheduleLayer ToEngine(TimeZoneInfo zone)
    {
        if (IsFixed)
        {
            return new ScheduleLayer(Name, [], new TurnLength(TurnKind.Fixed, 0), default, [.. (Restrictions ?? []).Select(ToRestriction)],
                Shifts: [.. (Shifts ?? []).Select(s => new Shift(s.User, s.Start, s.End)).OrderBy(s => s.Start)]);
        }
        var kind = Enum.Parse<TurnKind>(Turn, ignoreCase: true);
        return new ScheduleLayer(
            Name, Users, new TurnLength(kind, TurnCount), ScheduleFormats.ParseLocal(Start)!.Value,
            [.. (Restrictions ?? []).Select(ToRestriction)],
            End is null ? null : WallClock.ToInstant(ScheduleFormats.ParseLocal(End)!.Value, zone));
    }

    private static Restriction ToRestriction(ScheduleRestrictionRequest r) => r.Type == "weekly"
        ? Restriction.Weekly(ScheduleFormats.ParseDay(r.FromDay)!.Value, ScheduleFormats.ParseTime(r.From)!.Value, ScheduleFormats.ParseDay(r.ToDay)!.Value, ScheduleFormats.ParseTime(r.To)!.Value)
        : Restriction.Daily(ScheduleFormats.ParseTime(r.From)!.Value, ScheduleFormats.ParseTime(r.To)!.Value, r.Days?.Select(d => ScheduleFormats.ParseDay(d)!.Value).ToList());
}
