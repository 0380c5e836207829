using System.Text.Json;
using Unyo.Client;
using Unyo.Features.Maintenance;

namespace Unyo.Features.OnCall.Schedules;

// A layer as Schedule.Layers keeps it: the canonical spec with users by id. Only validated specs
// are stored, so reading one back never fails on its text.
public sealed record StoredLayer(string Name, IReadOnlyList<Guid> Users, string Turn, int TurnCount, string Start, string? End, IReadOnlyList<ScheduleRestrictionRequest>? Restrictions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IEnumerable<StoredLayer> layers) => JsonSerializer.Serialize(layers.ToList(), Json);

    public static List<StoredLayer> Read(string json) => JsonSerializer.Deserialize<List<StoredLayer>>(json, Json) ?? [];

    public static StoredLayer From(ScheduleLayerRequest layer, IReadOnlyDictionary<string, Guid> users) =>
        new(layer.Name!, [.. layer.Users!.Select(e => users[e])], layer.Turn!, layer.TurnCount!.Value, layer.Start!, layer.End, layer.Restrictions);

    // Users no longer there (removed from the organisation) are kept as their ids and shown so;
    // their turns stay in the rotation until someone edits the layer.
    public ScheduleLayerRequest ToContract(IReadOnlyDictionary<Guid, string> emails) => new()
    {
        Name = Name,
        Users = [.. Users.Select(id => emails.TryGetValue(id, out var email) ? email : $"removed-user-{id}")],
        Turn = Turn,
        TurnCount = TurnCount,
        Start = Start,
        End = End,
        Restrictions = Restrictions is { Count: > 0 } ? Restrictions : null,
    };

    public ScheduleLayer ToEngine(TimeZoneInfo zone)
    {
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
