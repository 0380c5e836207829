using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Mfa;

namespace Unyo.Tests.Accounts;

public sealed class SecondFactorSecretsTests
{
    [Fact]
    public void RecoveryCodesAreLongRandomAndHashIgnoringCaseSpacesAndDashes()
    {
        var codes = Enumerable.Range(0, 50).Select(_ => SecondFactor.NewRecoveryCode()).ToList();

        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(SecondFactor.HashRecoveryCode(codes[0]), SecondFactor.HashRecoveryCode(" " + codes[0].Replace("-", " ").ToUpperInvariant()));
        Assert.NotEqual(SecondFactor.HashRecoveryCode(codes[0]), SecondFactor.HashRecoveryCode(codes[1]));
    }

    [Fact]
    public void ASignInTicketVouchesForItsUserForFiveMinutesOnly()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tickets = new SignInTicket(new EphemeralDataProtectionProvider(), time);
        var user = new User { Id = Guid.NewGuid(), Email = "a@example.test", DisplayName = "A", PasswordHash = "x", SecurityStamp = "stamp-1" };

        var ticket = tickets.Issue(user);
        var fresh = tickets.Read(ticket);
        time.Advance(SignInTicket.Lifetime - TimeSpan.FromSeconds(1));
        var nearlyExpired = tickets.Read(ticket);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal((user.Id, "stamp-1"), fresh);
        Assert.NotNull(nearlyExpired);
        Assert.Null(tickets.Read(ticket));
        Assert.Null(tickets.Read(ticket[..^2] + "AA"));
        Assert.Null(tickets.Read("not a ticket"));
        Assert.Null(tickets.Read(null));
    }
}
