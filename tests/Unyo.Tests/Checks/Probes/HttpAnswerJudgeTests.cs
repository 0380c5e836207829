using System.Text;
using System.Text.RegularExpressions;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Tests.Checks.Probes;

public sealed class HttpAnswerJudgeTests
{
    private static HttpProbeSettings Settings(HttpCheckRequest http)
    {
        var errors = new ValidationErrors();
        return (HttpProbeSettings)ProbeSettingsValidator.Validate(CheckType.Http, new CheckRequest { Http = http }, errors)!;
    }

    private static async Task<HttpBody> BodyAsync(HttpProbeSettings settings, byte[] bytes)
    {
        using var response = new HttpResponseMessage { Content = new ByteArrayContent(bytes) };
        return await HttpBody.ReadAsync(response, settings, new ProbeTrace(TargetAllowList.Empty, ProbeIpVersion.Any), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ARegexThatRunsOutOfTimeIsADownResultSayingSo()
    {
        // A linear scan of 10 MB cannot finish within 1 ms; the checks' 100 ms is for much larger work.
        var settings = Settings(new() { Url = "http://example.com/", MaxResponseKb = 10240 }) with
        {
            BodyRegex = new BodyPattern("(a|b)*c$", new Regex("(a|b)*c$", RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(1))),
        };
        using var body = await BodyAsync(settings, Encoding.ASCII.GetBytes(new string('a', 10 * 1024 * 1024)));

        var (outcome, reason) = HttpAnswerJudge.Judge(settings, 200, body, TimeSpan.FromMilliseconds(5));

        Assert.Equal((ProbeOutcome.Down, "body regex /(a|b)*c$/ did not finish within 1 ms on 10240 KB of body"), (outcome, reason));
    }

    [Fact]
    public async Task TheStatusIsJudgedBeforeTheBodyAndTheBodyBeforeTheLatency()
    {
        var settings = Settings(new() { Url = "http://example.com/", BodyContains = "ok", LatencyThresholdMs = 10 });
        using var bad = await BodyAsync(settings, "nope"u8.ToArray());
        using var good = await BodyAsync(settings, "all ok"u8.ToArray());

        Assert.Equal("HTTP 502, expected 200-299", HttpAnswerJudge.Judge(settings, 502, bad, TimeSpan.FromSeconds(1)).Reason);
        Assert.Equal("body does not contain 'ok'", HttpAnswerJudge.Judge(settings, 200, bad, TimeSpan.FromSeconds(1)).Reason);
        Assert.Equal((ProbeOutcome.Degraded, "slow: 1000 ms, over the 10 ms threshold"), HttpAnswerJudge.Judge(settings, 200, good, TimeSpan.FromSeconds(1)));
        Assert.Equal((ProbeOutcome.Up, null), HttpAnswerJudge.Judge(settings, 200, good, TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task OnlyWhatTheAssertionsNeedIsKeptAndTheCapCuts()
    {
        var counting = Settings(new() { Url = "http://example.com/", MaxResponseKb = 8 });
        var keeping = Settings(new() { Url = "http://example.com/", MaxResponseKb = 8, BodyContains = "z" });
        var bytes = Enumerable.Repeat((byte)'y', 20_000).ToArray();

        using var counted = await BodyAsync(counting, bytes);
        using var kept = await BodyAsync(keeping, bytes);

        Assert.Equal((8192L, true), (counted.BytesRead, counted.Truncated));
        Assert.InRange(counted.Kept.Length, 1, HttpBody.SnippetBytes + 256);
        Assert.Equal((8192L, true, 8192), (kept.BytesRead, kept.Truncated, kept.Kept.Length));
        Assert.Equal(HttpBody.SnippetChars, counted.Snippet()!.Length);
    }
}
