namespace Unyo.Features.Checks.Pages;

// A stretch of a check's minutes drawn as one point: runs, how many were down, and the slowest
// minute's p95 (a spike in one minute should not be averaged away in a sparkline).
public sealed record CheckSlot(int Runs, int Down, int P95Ms);
