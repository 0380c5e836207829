using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

/// What the Alertmanager and webhook intakes answer when the pipeline cannot take a payload: a
/// full queue is 429 with Retry-After, a store that failed is 503; Alertmanager retries both.
public sealed class IntakeBackPressureTests(Servers servers)
{
    private sealed class RefusingIntake : IAlertIntake
    {
        public int Calls;
        public bool Fail;

        public ValueTask<IntakeOutcome> SubmitAsync(IntegrationRef integration, IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Fail ? throw new InvalidOperationException("the database refused the batch") : ValueTask.FromResult(IntakeOutcome.Busy(TimeSpan.FromSeconds(1.5)));
        }
    }

    [Theory, DatabaseData]
    public async Task AFullQueueAnswers429WithRetryAfterAndAFailedStore503(string provider)
    {
        var intake = new RefusingIntake();
        var app = await servers.GetIsolatedAsync(provider, "refusing-intake", services: s => s.AddSingleton<IAlertIntake>(intake));
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var alertmanager = await IntegrationKit.CreateAsync(admin, service, "alertmanager");
        var webhook = await IntegrationKit.CreateAsync(admin, service, "webhook", mapping: new { summary = "$.title" });
        using var anonymous = app.Client();
        var payload = IntegrationKit.AlertmanagerPayload("firing",
            IntegrationKit.AlertmanagerAlert("firing", "a", new() { ["alertname"] = "A" }), IntegrationKit.AlertmanagerAlert("firing", "b", new() { ["alertname"] = "B" }));

        var busy = await IntegrationKit.PostAsync(anonymous, "alertmanager", alertmanager.Key, payload);
        var busyHook = await IntegrationKit.PostAsync(anonymous, "webhook", webhook.Key, """{"title": "t"}""");
        intake.Fail = true;
        var failed = await IntegrationKit.PostAsync(anonymous, "alertmanager", alertmanager.Key, payload);

        await busy.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
        await busyHook.ProblemAsync(HttpStatusCode.TooManyRequests);
        await failed.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        // Both alerts of a payload go to the pipeline in one submission.
        Assert.Equal(3, intake.Calls);
    }
}
