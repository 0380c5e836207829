namespace Unyo.Features.Slos;

// As OpenSLO defines them: Occurrences counts events (the budget is a number of bad events);
// Timeslices judges each slice of time good or bad against a target ratio (the budget is time).
public enum BudgetingMethod
{
    Occurrences,
    Timeslices,
}
