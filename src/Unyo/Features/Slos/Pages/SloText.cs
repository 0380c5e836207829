using System.Globalization;
using Unyo.Client;

namespace Unyo.Features.Slos.Pages;

// How SLO pages write objectives and windows, the same on every page.
public static class SloText
{
    public static string Percent(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture) + "%";

    public static string Window(SloResponse slo) => slo.Window is { } window
        ? $"rolling {window}"
        : $"calendar {slo.Calendar} ({slo.TimeZone})";
}
