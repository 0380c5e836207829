using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels.Senders;

namespace Unyo.Tests.Notifications;

public sealed class HttpOutcomesTests
{
    private static readonly FakeTimeProvider Clock = new(ChannelSamples.At);

    private static Task<DeliveryOutcome> Map(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? headers = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        headers?.Invoke(response);
        return HttpOutcomes.FromAsync(response, Clock, CancellationToken.None);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.NoContent)]
    public async Task AnySuccessIsDelivered(HttpStatusCode status)
    {
        var outcome = await Map(status);

        Assert.Equal((DeliveryResult.Delivered, (int)status), (outcome.Result, outcome.StatusCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task TimeoutsThrottlingAndServerErrorsRetryLater(HttpStatusCode status)
    {
        var outcome = await Map(status, "busy");

        Assert.Equal((DeliveryResult.RetryLater, (int)status, null), (outcome.Result, outcome.StatusCode, outcome.RetryAfter));
        Assert.EndsWith(": busy", outcome.Detail);
    }

    [Fact]
    public async Task RetryAfterIsReadInSecondsOrAsAnHttpDate()
    {
        var seconds = await Map(HttpStatusCode.TooManyRequests, headers: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        var date = await Map(HttpStatusCode.ServiceUnavailable, headers: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(ChannelSamples.At.AddMinutes(2)));
        var past = await Map(HttpStatusCode.ServiceUnavailable, headers: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(ChannelSamples.At.AddMinutes(-2)));

        Assert.Equal(TimeSpan.FromSeconds(30), seconds.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), date.RetryAfter);
        Assert.Equal(TimeSpan.Zero, past.RetryAfter);
    }

    [Fact]
    public async Task OtherClientErrorsAndRedirectsAreRejectedWithAShortDetail()
    {
        var invalid = await Map(HttpStatusCode.BadRequest, "invalid_payload " + new string('x', 1000));
        var moved = await Map(HttpStatusCode.MovedPermanently, headers: r => r.Headers.Location = new Uri("https://elsewhere.example/hook"));

        Assert.Equal((DeliveryResult.Rejected, 400), (invalid.Result, invalid.StatusCode));
        Assert.StartsWith("400 Bad Request: invalid_payload", invalid.Detail);
        Assert.True(invalid.Detail!.Length <= 300);
        Assert.Equal(DeliveryResult.Rejected, moved.Result);
        Assert.Contains("redirects are not followed", moved.Detail);
        Assert.Contains("https://elsewhere.example/hook", moved.Detail);
    }
}
