namespace Unyo.Features.Slos;

// What a run of minute buckets holds for an SLO: its events, how many minutes had any, and (for
// time-slice SLOs) how many slices were good and bad.
public readonly record struct MinuteTally(EventCounts Events, int MinutesWithData, int GoodSlices, int BadSlices)
{
    public int Slices => GoodSlices + BadSlices;
}
