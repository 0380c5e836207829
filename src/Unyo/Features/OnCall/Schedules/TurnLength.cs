namespace Unyo.Features.OnCall.Schedules;

// How a layer's turns are measured. Daily and weekly turns hand over at the layer's handoff time
// on the schedule's wall clock, so a turn that spans a daylight-saving change is 23 or 25 hours
// long and the handoff stays at 09:00. Custom turns are a number of elapsed hours and ignore the
// wall clock: a 12-hour rotation stays 12 hours long through the change.
public enum TurnKind
{
    Daily,
    Weekly,
    Hours,
    // Shifts given one by one (an imported calendar): no turns at all.
    Fixed,
}

public readonly record struct TurnLength(TurnKind Kind, int Count)
{
    public static TurnLength Days(int count) => new(TurnKind.Daily, count);

    public static TurnLength Weeks(int count) => new(TurnKind.Weekly, count);

    public static TurnLength Hours(int count) => new(TurnKind.Hours, count);

    // Calendar days per turn for daily and weekly turns.
    public int CalendarDays => Kind switch
    {
        TurnKind.Daily => Count,
        TurnKind.Weekly => Count * 7,
        _ => 0,
    };
}
