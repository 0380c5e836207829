using Unyo.Hosting;

namespace Unyo.Features.Accounts.Mfa;

public static class MfaRoutes
{
    public static RouteGroupBuilder MapMfa(this RouteGroupBuilder api)
    {
        // Everyone, viewers too, manages their own second factor: these inherit the read policy.
        var me = api.MapGroup("/me/mfa").RequireAuthorization(Policies.Person);
        me.MapGet("/", MfaEndpoints.Status);
        me.MapPost("/totp", MfaEndpoints.StartTotp);
        me.MapPost("/totp/confirm", MfaEndpoints.ConfirmTotp);
        me.MapPost("/recovery-codes", MfaEndpoints.RegenerateRecoveryCodes);
        me.MapDelete("/", MfaEndpoints.Disable);

        api.MapGet("/organisation/mfa-policy", MfaEndpoints.GetPolicy).RequireAuthorization(Policies.Admin);
        api.MapPut("/organisation/mfa-policy", MfaEndpoints.SetPolicy).RequireAuthorization(Policies.Admin);
        api.MapDelete("/users/{id:guid}/mfa", MfaEndpoints.Reset).RequireAuthorization(Policies.Admin);
        return api;
    }
}
