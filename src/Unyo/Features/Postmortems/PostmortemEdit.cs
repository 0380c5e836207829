using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// A validated update: the fields the request carried, the rest left as they are.
public sealed record PostmortemEdit(UpdatePostmortemRequest Request, List<string>? Factors)
{
    public static PostmortemEdit? Validate(UpdatePostmortemRequest request, ValidationErrors errors)
    {
        if (request.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Trim().Length > PostmortemLimits.Title))
        {
            errors.Add("title", $"must be 1 to {PostmortemLimits.Title} characters.");
        }
        Check(errors, "record", request.Record, PostmortemLimits.Section);
        Check(errors, "timeline", request.Timeline, PostmortemLimits.Section);
        Check(errors, "impactSummary", request.ImpactSummary, PostmortemLimits.Section);
        Check(errors, "impactUsers", request.ImpactUsers, PostmortemLimits.Field);
        Check(errors, "impactRevenue", request.ImpactRevenue, PostmortemLimits.Field);
        Check(errors, "impactReputation", request.ImpactReputation, PostmortemLimits.Field);
        Check(errors, "rootCause", request.RootCause, PostmortemLimits.Section);
        Check(errors, "fixesShortTerm", request.FixesShortTerm, PostmortemLimits.Section);
        Check(errors, "fixesLongTerm", request.FixesLongTerm, PostmortemLimits.Section);
        Check(errors, "report", request.Report, PostmortemLimits.Section);
        Check(errors, "followUp", request.FollowUp, PostmortemLimits.Section);
        List<string>? factors = null;
        if (request.ContributingFactors is { } given)
        {
            factors = [];
            if (given.Count > PostmortemLimits.Factors)
            {
                errors.Add("contributingFactors", $"at most {PostmortemLimits.Factors} factors.");
            }
            for (var i = 0; i < given.Count; i++)
            {
                var factor = given[i]?.Trim() ?? "";
                if (factor.Length == 0 || factor.Length > PostmortemLimits.Factor)
                {
                    errors.Add($"contributingFactors[{i}]", $"must be 1 to {PostmortemLimits.Factor} characters.");
                }
                factors.Add(factor);
            }
        }
        return errors.IsEmpty ? new PostmortemEdit(request, factors) : null;
    }

    public void ApplyTo(Postmortem p)
    {
        var r = Request;
        p.Title = r.Title?.Trim() ?? p.Title;
        p.Record = r.Record ?? p.Record;
        p.Timeline = r.Timeline ?? p.Timeline;
        p.ImpactSummary = r.ImpactSummary ?? p.ImpactSummary;
        p.ImpactUsers = r.ImpactUsers?.Trim() ?? p.ImpactUsers;
        p.ImpactRevenue = r.ImpactRevenue?.Trim() ?? p.ImpactRevenue;
        p.ImpactReputation = r.ImpactReputation?.Trim() ?? p.ImpactReputation;
        p.RootCause = r.RootCause ?? p.RootCause;
        p.ContributingFactors = Factors ?? p.ContributingFactors;
        p.FixesShortTerm = r.FixesShortTerm ?? p.FixesShortTerm;
        p.FixesLongTerm = r.FixesLongTerm ?? p.FixesLongTerm;
        p.Report = r.Report ?? p.Report;
        p.FollowUp = r.FollowUp ?? p.FollowUp;
    }

    private static void Check(ValidationErrors errors, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            errors.Add(field, $"must be at most {max:N0} characters.");
        }
    }
}
