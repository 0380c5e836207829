using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Tests.Checks.Probes;

public sealed class HttpSettingsValidatorTests
{
    private static (HttpProbeSettings? Settings, Dictionary<string, string[]> Errors) Validate(HttpCheckRequest http)
    {
        var errors = new ValidationErrors();
        var settings = ProbeSettingsValidator.Validate(CheckType.Http, new CheckRequest { Http = http }, errors);
        return ((HttpProbeSettings?)settings, errors.ToDictionary());
    }

    private static string Error(HttpCheckRequest http, string field)
    {
        var (settings, errors) = Validate(http);
        Assert.Null(settings);
        Assert.True(errors.ContainsKey(field), $"no error for {field}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        return string.Join(" ", errors[field]);
    }

    [Fact]
    public void DefaultsAreFilledInAndShownByTheContract()
    {
        var (settings, errors) = Validate(new HttpCheckRequest { Url = "https://WWW.Example.com/health" });

        Assert.Empty(errors);
        var contract = (HttpCheckRequest)settings!.ToContract();
        Assert.Equal("https://www.example.com/health", contract.Url);
        Assert.Equal("www.example.com", settings.TargetHost);
        Assert.Equal(("GET", true, true, "any", 1024), (contract.Method, contract.FollowRedirects, contract.VerifyTls, contract.IpVersion, contract.MaxResponseKb));
        Assert.Equal(["200-299"], contract.ExpectedStatus!);
        Assert.Null(contract.SlowIs);
    }

    [Fact]
    public void WithoutRedirectsFollowedARedirectIsAGoodAnswerByDefault()
    {
        var (settings, _) = Validate(new HttpCheckRequest { Url = "http://example.com/", FollowRedirects = false });

        Assert.Equal(["200-399"], ((HttpCheckRequest)settings!.ToContract()).ExpectedStatus!);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("/health", "is not an absolute URL")]
    [InlineData("example.com/health", "is not an absolute URL")]
    [InlineData("ftp://example.com/file", "'ftp:' URLs are not probed: HTTP checks use http or https")]
    [InlineData("file:///etc/passwd", "'file:' URLs are not probed")]
    [InlineData("gopher://example.com/", "'gopher:' URLs are not probed")]
    [InlineData("https://user:secret@example.com/", "must not hold a user name or password")]
    [InlineData("http://-bad-.example/", "is not a valid host")]
    public void UrlsMustBeAbsoluteHttpWithoutCredentials(string? url, string message)
    {
        Assert.Contains(message, Error(new HttpCheckRequest { Url = url }, "http.url"));
    }

    [Fact]
    public void LongUrlsAreRefused() =>
        Assert.Contains("at most 2000", Error(new HttpCheckRequest { Url = "https://example.com/" + new string('a', 2000) }, "http.url"));

    [Fact]
    public void MethodsAreTheUsualSeven()
    {
        Assert.Contains("must be GET, HEAD, POST", Error(new HttpCheckRequest { Url = "http://example.com/", Method = "TRACE" }, "http.method"));
        Assert.Equal("POST", Validate(new HttpCheckRequest { Url = "http://example.com/", Method = "post" }).Settings!.Method.Method);
    }

    [Fact]
    public void HeadersAreTokensWithoutLineBreaksAndNotTheProbesOwn()
    {
        var (settings, errors) = Validate(new HttpCheckRequest
        {
            Url = "http://example.com/",
            Headers = new()
            {
                ["X-Ok"] = "fine",
                ["Bad Name"] = "x",
                ["X-Split"] = "a\r\nInjected: yes",
                ["Host"] = "other.example",
                ["transfer-encoding"] = "chunked",
                ["x-ok"] = "again",
                ["Content-Type"] = "application/json",
            },
        });

        Assert.Null(settings);
        Assert.Equal(["http.headers.Bad Name", "http.headers.Content-Type", "http.headers.Host", "http.headers.X-Split", "http.headers.transfer-encoding", "http.headers.x-ok"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("without line breaks", errors["http.headers.X-Split"][0]);
        Assert.Contains("set by Unyo itself", errors["http.headers.Host"][0]);
        Assert.Contains("given twice", errors["http.headers.x-ok"][0]);
        Assert.Contains("sends none", errors["http.headers.Content-Type"][0]);
    }

    [Fact]
    public void AtMostThirtyHeaders()
    {
        var headers = Enumerable.Range(0, 31).ToDictionary(i => $"X-H{i}", i => "v");

        Assert.Contains("at most 30", Error(new HttpCheckRequest { Url = "http://example.com/", Headers = headers }, "http.headers"));
    }

    [Fact]
    public void ABodyGoesOnlyWithMethodsThatCarryOneAndIsBounded()
    {
        Assert.Contains("only with POST, PUT, PATCH or DELETE", Error(new HttpCheckRequest { Url = "http://example.com/", Body = "{}" }, "http.body"));
        Assert.Contains("at most 64 KB", Error(new HttpCheckRequest { Url = "http://example.com/", Method = "POST", Body = new string('é', 40000) }, "http.body"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("299-200")]
    [InlineData("2xx")]
    [InlineData("200-")]
    public void ExpectedStatusEntriesAreCodesOrRangesFrom100To599(string entry)
    {
        var message = Error(new HttpCheckRequest { Url = "http://example.com/", ExpectedStatus = ["200", entry] }, "http.expectedStatus[1]");

        Assert.Contains($"'{entry}' must be a status code (\"200\") or a range (\"200-299\")", message);
    }

    [Fact]
    public void ExpectedStatusIsSortedAndDeduplicated()
    {
        var (settings, _) = Validate(new HttpCheckRequest { Url = "http://example.com/", ExpectedStatus = ["401", " 200 - 204 ", "401"] });

        Assert.Equal(["200-204", "401"], ((HttpCheckRequest)settings!.ToContract()).ExpectedStatus!);
        Assert.Contains("needs 1 to 20", Error(new HttpCheckRequest { Url = "http://example.com/", ExpectedStatus = [] }, "http.expectedStatus"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60001)]
    public void LatencyThresholdIsOneMillisecondToAMinute(int threshold) =>
        Assert.Contains("must be 1 to 60000", Error(new HttpCheckRequest { Url = "http://example.com/", LatencyThresholdMs = threshold }, "http.latencyThresholdMs"));

    [Fact]
    public void SlowIsDegradedOrFailureAndNeedsAThreshold()
    {
        Assert.Contains("must be degraded or failure", Error(new HttpCheckRequest { Url = "http://example.com/", LatencyThresholdMs = 500, SlowIs = "down" }, "http.slowIs"));
        Assert.Contains("applies only with latencyThresholdMs", Error(new HttpCheckRequest { Url = "http://example.com/", SlowIs = "failure" }, "http.slowIs"));
        var (settings, _) = Validate(new HttpCheckRequest { Url = "http://example.com/", LatencyThresholdMs = 500, SlowIs = "Failure" });
        Assert.Equal(ProbeOutcome.Down, settings!.SlowOutcome);
        Assert.Equal("failure", ((HttpCheckRequest)settings.ToContract()).SlowIs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10241)]
    public void MaxResponseKbIsOneTo10240(int kb) =>
        Assert.Contains("must be 1 to 10240", Error(new HttpCheckRequest { Url = "http://example.com/", MaxResponseKb = kb }, "http.maxResponseKb"));

    [Fact]
    public void IpVersionIsAnyIpv4OrIpv6AndMustFitALiteralHost()
    {
        Assert.Contains("must be any, ipv4 or ipv6", Error(new HttpCheckRequest { Url = "http://example.com/", IpVersion = "4" }, "http.ipVersion"));
        Assert.Contains("cannot be reached over ipv6", Error(new HttpCheckRequest { Url = "http://192.0.2.10/", IpVersion = "ipv6" }, "http.url"));
    }

    [Fact]
    public void BodyAssertionsNeedABodyAndBoundedText()
    {
        Assert.Contains("HEAD answers have no body", Error(new HttpCheckRequest { Url = "http://example.com/", Method = "HEAD", BodyContains = "ok" }, "http.bodyContains"));
        Assert.Contains("must be 1 to 1000", Error(new HttpCheckRequest { Url = "http://example.com/", BodyContains = "" }, "http.bodyContains"));
        Assert.Contains("HEAD answers have no body", Error(new HttpCheckRequest { Url = "http://example.com/", Method = "HEAD", Json = new() { Path = "$.a" } }, "http.json"));
    }

    [Theory]
    [InlineData("[unclosed", "is not a valid .NET regular expression")]
    [InlineData("(?=(a+)+)b", "cannot be run in time linear to the body")]
    [InlineData(@"^(a+)\1$", "cannot be run in time linear to the body")]
    [InlineData("(?>a+)+b", "cannot be run in time linear to the body")]
    [InlineData("x{100000}", "cannot be run in time linear to the body")]
    public void RegexesThatDoNotParseOrNeedBacktrackingAreRefused(string pattern, string message) =>
        Assert.Contains(message, Error(new HttpCheckRequest { Url = "http://example.com/", BodyRegex = pattern }, "http.bodyRegex"));

    [Theory]
    [InlineData("status", "must start with $")]
    [InlineData("$..status", "at character 3")]
    [InlineData("$.items[x]", "at character 9")]
    [InlineData("$['open", "at character 3")]
    public void JsonPathSyntaxIsCheckedAtValidation(string path, string message) =>
        Assert.Contains(message, Error(new HttpCheckRequest { Url = "http://example.com/", Json = new() { Path = path, EqualTo = "ok" } }, "http.json.path"));

    [Fact]
    public void EveryBadFieldIsReportedAtOnce()
    {
        var (_, errors) = Validate(new HttpCheckRequest
        {
            Url = "ftp://x/",
            Method = "BREW",
            ExpectedStatus = ["7"],
            LatencyThresholdMs = -1,
            BodyRegex = "(?<=a)b",
            Json = new() { },
            MaxResponseKb = 0,
            IpVersion = "ipv5",
        });

        Assert.Equal(["http.bodyRegex", "http.expectedStatus[0]", "http.ipVersion", "http.json.path", "http.latencyThresholdMs", "http.maxResponseKb", "http.method", "http.url"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
