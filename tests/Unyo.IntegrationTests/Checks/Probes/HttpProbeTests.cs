using Unyo.Features.Checks.Probes;
using static Unyo.IntegrationTests.Checks.Probes.ProbeKit;

namespace Unyo.IntegrationTests.Checks.Probes;

public sealed class HttpProbeTests : IAsyncDisposable
{
    private readonly HttpTarget _target = new();
    private readonly ProbeRunner _runner = new(TimeProvider.System);

    private Task<ProbeResult> RunAsync(Unyo.Client.HttpCheckRequest http, TimeSpan? timeout = null, int retries = 0) =>
        _runner.RunAsync(Http(http), timeout ?? Patience, retries, Loopback, TestContext.Current.CancellationToken);

    [Fact]
    public async Task AGoodAnswerIsUpWithTheAddressAndSize()
    {
        var result = await RunAsync(new() { Url = _target.Url("/ok"), BodyContains = "\"ok\"", BodyRegex = "items.*up", Json = new() { Path = "$.items[0].state", EqualTo = "up" } });

        Assert.Equal((ProbeOutcome.Up, null, 1), (result.Outcome, result.Reason, result.Attempts));
        Assert.Equal($"127.0.0.1:{_target.Port}", result.Details!["address"]);
        Assert.Equal("200", result.Details["statusCode"]);
        Assert.Equal(HttpTarget.OkJson.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Details["bytesRead"]);
        Assert.False(result.Details.ContainsKey("bodySnippet"));
        Assert.InRange(result.LatencyMs, 0, 5000);
    }

    [Fact]
    public async Task AnUnexpectedStatusIsDownWithAPrintableSnippet()
    {
        var result = await RunAsync(new() { Url = _target.Url("/status/500") });

        Assert.Equal((ProbeOutcome.Down, "HTTP 500, expected 200-299"), (result.Outcome, result.Reason));
        Assert.Equal("500", result.Details!["statusCode"]);
        Assert.Equal("Internal trouble  in the back end", result.Details["bodySnippet"]);
    }

    [Fact]
    public async Task ExpectedStatusListsAndRangesDecide()
    {
        var accepted = await RunAsync(new() { Url = _target.Url("/status/404"), ExpectedStatus = ["200-299", "404"] });
        var refused = await RunAsync(new() { Url = _target.Url("/status/201"), ExpectedStatus = ["200", "202-204"] });

        Assert.Equal(ProbeOutcome.Up, accepted.Outcome);
        Assert.Equal("HTTP 201, expected 200, 202-204", refused.Reason);
    }

    [Fact]
    public async Task BodyAssertionsSayWhatIsMissing()
    {
        var keyword = await RunAsync(new() { Url = _target.Url("/ok"), BodyContains = "healthy" });
        var regex = await RunAsync(new() { Url = _target.Url("/ok"), BodyRegex = "^\\d+$" });
        var json = await RunAsync(new() { Url = _target.Url("/degraded"), Json = new() { Path = "$.status", EqualTo = "ok" } });
        var missing = await RunAsync(new() { Url = _target.Url("/ok"), Json = new() { Path = "$.checks.db" } });
        var notJson = await RunAsync(new() { Url = _target.Url("/slow/0"), Json = new() { Path = "$.status" } });

        Assert.Equal("body does not contain 'healthy'", keyword.Reason);
        Assert.Equal("body does not match /^\\d+$/", regex.Reason);
        Assert.Equal("$.status is 'degraded', expected 'ok'", json.Reason);
        Assert.Equal("$.checks.db is missing from the JSON body", missing.Reason);
        Assert.Equal("body is not JSON (line 1, byte 1)", notJson.Reason);
        Assert.All([keyword, regex, json, missing, notJson], r => Assert.Equal(ProbeOutcome.Down, r.Outcome));
        Assert.Equal("""{"status":"degraded"}""", json.Details!["bodySnippet"]);
    }

    [Fact]
    public async Task ABodyInAnotherCharsetIsDecodedBeforeSearching()
    {
        var result = await RunAsync(new() { Url = _target.Url("/latin1"), BodyContains = "café", BodyRegex = "caf\\w ok" });

        Assert.Equal(ProbeOutcome.Up, result.Outcome);
    }

    [Theory]
    [InlineData("degraded", ProbeOutcome.Degraded)]
    [InlineData("failure", ProbeOutcome.Down)]
    public async Task ASlowAnswerIsDegradedOrDownAsTheCheckSays(string slowIs, ProbeOutcome outcome)
    {
        var result = await RunAsync(new() { Url = _target.Url("/slow/300"), LatencyThresholdMs = 100, SlowIs = slowIs });

        Assert.Equal(outcome, result.Outcome);
        Assert.Matches(@"^slow: \d+ ms, over the 100 ms threshold$", result.Reason);
        // The target's 300 ms delay can end a millisecond or two early by the probe's clock
        // (timer resolution, whole milliseconds): the point is that it is far over 100 ms.
        Assert.InRange(result.LatencyMs, 290, 5000);
    }

    [Fact]
    public async Task WaitingForHeadersTimesOutNamingThePhase()
    {
        var result = await RunAsync(new() { Url = _target.Url("/slow/5000") }, TimeSpan.FromMilliseconds(400));

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.Equal($"timed out after 400 ms waiting for response headers from 127.0.0.1:{_target.Port}", result.Reason);
        Assert.InRange(result.LatencyMs, 390, 3000);
    }

    [Fact]
    public async Task ASlowEndlessBodyIsBoundedByTheTimeout()
    {
        var result = await RunAsync(new() { Url = _target.Url("/drip") }, TimeSpan.FromSeconds(1));

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.Matches(@"^timed out after 1 s reading the body \(\d+ bytes read\)$", result.Reason);
    }

    [Fact]
    public async Task AHugeBodyIsReadOnlyUpToTheCap()
    {
        var result = await RunAsync(new() { Url = _target.Url("/huge"), MaxResponseKb = 64 });

        Assert.Equal(ProbeOutcome.Up, result.Outcome);
        Assert.Equal(("65536", "true"), (result.Details!["bytesRead"], result.Details["truncated"]));
        Assert.InRange(result.LatencyMs, 0, 2000);
    }

    [Fact]
    public async Task AnEndlessBodyIsCutAndJudgedOnWhatWasRead()
    {
        var result = await RunAsync(new() { Url = _target.Url("/endless"), MaxResponseKb = 16, BodyContains = "needle" });
        var json = await RunAsync(new() { Url = _target.Url("/endless"), MaxResponseKb = 16, Json = new() { Path = "$.a" } });

        Assert.Equal((ProbeOutcome.Down, "body does not contain 'needle' in the first 16 KB read (maxResponseKb)"), (result.Outcome, result.Reason));
        Assert.Equal(("16384", "true"), (result.Details!["bytesRead"], result.Details["truncated"]));
        Assert.Equal("body is not complete JSON: it was cut at 16 KB (raise maxResponseKb)", json.Reason);
    }

    [Fact]
    public async Task RedirectsAreFollowedUpToTen()
    {
        var followed = await RunAsync(new() { Url = _target.Url("/redirect/3"), BodyContains = "arrived" });
        var tooMany = await RunAsync(new() { Url = _target.Url("/redirect/12") });
        var notFollowed = await RunAsync(new() { Url = _target.Url("/redirect/3"), FollowRedirects = false });

        Assert.Equal(ProbeOutcome.Up, followed.Outcome);
        Assert.Equal(("3", _target.Url("/redirect/0")), (followed.Details!["redirects"], followed.Details["finalUrl"]));
        Assert.Equal(ProbeOutcome.Down, tooMany.Outcome);
        Assert.StartsWith($"more than 10 redirects (the last to {_target.Url("/redirect/1")})", tooMany.Reason);
        Assert.Equal((ProbeOutcome.Up, "302"), (notFollowed.Outcome, notFollowed.Details!["statusCode"]));
    }

    [Fact]
    public async Task ARedirectToAnotherSchemeIsNotFollowed()
    {
        var result = await RunAsync(new() { Url = _target.Url("/redirect-to?to=" + Uri.EscapeDataString("ftp://127.0.0.1/file")) });

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.StartsWith("redirected to ftp://127.0.0.1/file, which is not an http or https URL", result.Reason);
    }

    [Fact]
    public async Task TheRequestCarriesMethodHeadersAndBodyAndAFreshConnectionEachTime()
    {
        var settings = new Unyo.Client.HttpCheckRequest
        {
            Url = _target.Url("/echo"),
            Method = "POST",
            Body = """{"ping":1}""",
            Headers = new() { ["X-Probe"] = "yes", ["Authorization"] = "Bearer secret" },
        };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ProbeOutcome.Up, (await RunAsync(settings)).Outcome);
        }

        Assert.Equal((3, 3), (_target.Connections, _target.Requests.Count));
        var request = _target.Requests.First();
        Assert.Equal(("POST", """{"ping":1}"""), (request.Method, request.Body));
        Assert.Equal(("yes", "Bearer secret", "application/json", "close"), (request.Headers["X-Probe"], request.Headers["Authorization"], request.Headers["Content-Type"], request.Headers["Connection"]));
        Assert.StartsWith("Unyo-Check/", request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task ASeeOtherAfterAPostContinuesWithAGetAndCredentialsStayWithTheirHost()
    {
        var result = await _runner.RunAsync(
            Http(new()
            {
                Url = _target.Url("/redirect-to?to=" + Uri.EscapeDataString(_target.Url("/landed", "localhost"))),
                Method = "POST",
                Body = "form=1",
                Headers = new() { ["Authorization"] = "Bearer secret" },
                IpVersion = "ipv4",
            }),
            Patience, 0, TargetAllowList.Parse(["127.0.0.1", "localhost"], new()), TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Up, result.Outcome);
        var landed = _target.Requests.Last();
        Assert.Equal(("GET", "/landed", ""), (landed.Method, landed.Path, landed.Body));
        Assert.False(landed.Headers.ContainsKey("Authorization"));
        Assert.Equal("Bearer secret", _target.Requests.First().Headers["Authorization"]);
    }

    [Fact]
    public async Task RetriesFollowADownAttemptAndTheLastCounts()
    {
        var recovered = await RunAsync(new() { Url = _target.Url("/flaky") }, retries: 2);
        var failed = await RunAsync(new() { Url = _target.Url("/status/503") }, retries: 2);

        Assert.Equal((ProbeOutcome.Up, 2), (recovered.Outcome, recovered.Attempts));
        Assert.Equal((ProbeOutcome.Down, 3, "HTTP 503, expected 200-299"), (failed.Outcome, failed.Attempts, failed.Reason));
    }

    [Fact]
    public async Task ARefusedConnectionSaysWhere()
    {
        var port = ClosedPort();

        var result = await RunAsync(new() { Url = $"http://127.0.0.1:{port}/" });

        Assert.Equal((ProbeOutcome.Down, $"connection refused by 127.0.0.1:{port}"), (result.Outcome, result.Reason));
    }

    [Fact]
    public async Task TheCallersCancellationIsThrownNotReported()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _runner.RunAsync(Http(new() { Url = _target.Url("/slow/5000") }), Patience, 3, Loopback, cancel.Token));
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Dispose();
        await _target.DisposeAsync();
    }
}
