using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Mfa;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed record Person(Guid Id, string Email, string Password, string Token);

public static class MfaTestKit
{
    public const string Password = "a long enough password";

    /// A user created through the API with a real password, plus an API token of theirs.
    public static async Task<Person> CreatePersonAsync(this UnyoApp app, OrgRole role)
    {
        var email = $"mfa-{Guid.NewGuid():N}@example.test";
        var created = await (await app.Admin().PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = Password, Role = role.ToName() }))
            .ReadAsync<UserResponse>(HttpStatusCode.Created);
        using var scope = app.Services.CreateScope();
        var token = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(TokenOwner.Person(created.Id), "test", 1, TokenScope.Admin, "system", CancellationToken.None);
        return new Person(created.Id, email, Password, token.Token);
    }

    /// Enrols and confirms TOTP over the API; returns the secret, the step whose code confirmed
    /// it (so that code is now used up) and the recovery codes.
    public static async Task<(byte[] Secret, long UsedStep, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var enrolment = await (await client.PostAsync("api/v1/me/mfa/totp", null)).ReadAsync<TotpEnrolmentResponse>(HttpStatusCode.OK);
        var secret = Base32.Decode(enrolment.Secret);
        var step = Now();
        var confirmed = await (await client.PostJsonAsync("api/v1/me/mfa/totp/confirm", new MfaCodeRequest { Code = Totp.Code(secret, step) }))
            .ReadAsync<RecoveryCodesResponse>(HttpStatusCode.OK);
        return (secret, step, confirmed.RecoveryCodes);
    }

    public static long Now() => Totp.StepAt(TimeProvider.System.GetUtcNow());
}
