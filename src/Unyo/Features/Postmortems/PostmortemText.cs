using System.Globalization;
using Unyo.Client;

namespace Unyo.Features.Postmortems;

// How figures read on the pages and in the export.
public static class PostmortemText
{
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalDays: < 1 } => $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };

    public static string Spent(BudgetSpentResponse budget) => budget.SpentShare is { } share
        ? string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}% of the budget ({budget.Spent:#,0} of {budget.Budget:#,0.#} bad {budget.Unit})")
        : string.Create(CultureInfo.InvariantCulture, $"no budget to measure against ({budget.Spent:#,0} bad {budget.Unit}, no data in the SLO window)");
}
