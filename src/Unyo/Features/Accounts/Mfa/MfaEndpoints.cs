using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Mfa;

// /api/v1/me/mfa (a person's own second factor), the organisation's policy, and admin reset.
// Wrong or reused codes all get the same answer, so a guesser learns nothing from it.
public static class MfaEndpoints
{
    public static async Task<Ok<MfaStatusResponse>> Status(SecondFactor mfa, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mfa.StatusAsync(user.UserId(), cancellationToken));

    public static async Task<Ok<TotpEnrolmentResponse>> StartTotp(SecondFactor mfa, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var enrolment = await mfa.StartAsync(user.UserId(), cancellationToken);
        // The secret is in this response only: keep it out of every cache.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(enrolment);
    }

    public static async Task<Ok<RecoveryCodesResponse>> ConfirmTotp(MfaCodeRequest request, SecondFactor mfa, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = await mfa.ConfirmAsync(user.UserId(), request.Code, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    public static async Task<Ok<RecoveryCodesResponse>> RegenerateRecoveryCodes(MfaCodeRequest request, SecondFactor mfa, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = await mfa.RegenerateRecoveryCodesAsync(user.UserId(), request.Code, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    public static async Task<NoContent> Disable([FromBody] MfaCodeRequest request, SecondFactor mfa, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await mfa.DisableAsync(user.UserId(), request.Code, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MfaPolicyResponse>> GetPolicy(UnyoDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MfaPolicyResponse((await db.Organisations.Select(o => o.MfaPolicy).SingleAsync(cancellationToken)).ToName()));

    public static async Task<Results<Ok<MfaPolicyResponse>, ValidationProblem>> SetPolicy(MfaPolicyRequest request, UnyoDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!MfaPolicies.TryParse(request.Policy, out var policy))
        {
            return Problems.Validation("policy", $"must be one of {string.Join(", ", MfaPolicies.Names)}.");
        }
        await ChangePolicyAsync(db, audit, policy, "api", cancellationToken);
        return TypedResults.Ok(new MfaPolicyResponse(policy.ToName()));
    }

    // Shared with the People page.
    public static async Task ChangePolicyAsync(UnyoDb db, AuditLog audit, MfaPolicy policy, string source, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleAsync(cancellationToken);
        audit.Record("organisation.mfa-policy", "Organisation", organisation.Name,
            new { policy = organisation.MfaPolicy.ToName() }, new { policy = policy.ToName() }, source);
        organisation.MfaPolicy = policy;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Reset(Guid id, UnyoDb db, SecondFactor mfa, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await ResetAsync(id, db, mfa, principal, cancellationToken) switch
        {
            MfaResetOutcome.UnknownUser => Problems.NotFound("User", id.ToString()),
            MfaResetOutcome.OwnersOnly => Problems.Forbidden("Only owners can reset an owner's second factor."),
            _ => TypedResults.NoContent(),
        };

    // Shared with the People page, so a reset from either is checked and audited (mfa.reset) alike.
    public static async Task<MfaResetOutcome> ResetAsync(Guid id, UnyoDb db, SecondFactor mfa, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var role = await db.Users.Where(u => u.Id == id).Select(u => (OrgRole?)u.Role).SingleOrDefaultAsync(cancellationToken);
        if (role is null)
        {
            return MfaResetOutcome.UnknownUser;
        }
        if (role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            return MfaResetOutcome.OwnersOnly;
        }
        await mfa.ResetAsync(id, cancellationToken);
        return MfaResetOutcome.Reset;
    }
}
