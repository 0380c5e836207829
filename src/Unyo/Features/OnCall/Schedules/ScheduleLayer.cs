namespace Unyo.Features.OnCall.Schedules;

// One rotation: its users take turns in order, the first from Start (a date and handoff time on
// the schedule's wall clock). Restrictions, when given, limit when the layer is on call. A fixed
// layer (Turn.Kind Fixed) has no turns: its Shifts, sorted and not overlapping, are its turns.
public sealed record ScheduleLayer(
    string Name,
    IReadOnlyList<Guid> Users,
    TurnLength Turn,
    DateTime Start,
    IReadOnlyList<Restriction> Restrictions,
    DateTimeOffset? End = null,
    IReadOnlyList<Shift>? Shifts = null);
