using System.Text;
using Unyo.Features.Telemetry.PrometheusSource;

namespace Unyo.Tests.Telemetry;

// How answers of the Prometheus HTTP API are read: one series or none is data, everything else
// is an error that says what the engine said.
public sealed class PromAnswerTests
{
    private static PromAnswer Parse(string json, int status = 200) => PromAnswer.Parse(Encoding.UTF8.GetBytes(json), status);

    [Fact]
    public void AVectorWithOneSampleIsItsValue()
    {
        var answer = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1772409660,"598.9"]}]}}""");

        Assert.True(answer.Ok);
        Assert.Equal([new PromSample(DateTimeOffset.FromUnixTimeSeconds(1772409660), "598.9")], answer.Samples);
    }

    [Fact]
    public void AMatrixWithOneSeriesGivesEverySample()
    {
        var answer = Parse("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"web"},"values":[[1772409660,"1"],[1772409720,"2.5"],[1772409780.000,"NaN"]]}]}}""");

        Assert.True(answer.Ok);
        Assert.Equal(["1", "2.5", "NaN"], answer.Samples.Select(s => s.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772409780), answer.Samples[2].At);
    }

    [Fact]
    public void AScalarIsOneSample()
    {
        var answer = Parse("""{"status":"success","data":{"resultType":"scalar","result":[1772409660.5,"0.25"]}}""");

        Assert.Equal([new PromSample(DateTimeOffset.FromUnixTimeMilliseconds(1772409660500), "0.25")], answer.Samples);
    }

    [Fact]
    public void AnEmptyResultIsNoSamplesNotAnError()
    {
        var vector = Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        var matrix = Parse("""{"status":"success","data":{"resultType":"matrix","result":[]},"warnings":["partial"]}""");

        Assert.True(vector.Ok && matrix.Ok);
        Assert.Empty(vector.Samples);
        Assert.Empty(matrix.Samples);
    }

    [Fact]
    public void MoreThanOneSeriesIsAnErrorNamingThem()
    {
        var answer = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"code":"200"},"value":[1,"5"]},{"metric":{"code":"500"},"value":[1,"1"]}]}}""");

        Assert.False(answer.Ok);
        Assert.Contains("returned 2 series", answer.Error);
        Assert.Contains("{code=\"200\"}", answer.Error);
        Assert.Contains("sum(", answer.Error);
    }

    [Fact]
    public void AStringResultIsNotANumber()
    {
        var answer = Parse("""{"status":"success","data":{"resultType":"string","result":[1,"hello"]}}""");

        Assert.Equal("returned a string result, not a number", answer.Error);
    }

    [Fact]
    public void ThePromQlErrorIsKeptWithItsType()
    {
        var answer = Parse("""{"status":"error","errorType":"bad_data","error":"1:45: parse error: unclosed left parenthesis"}""", 400);

        Assert.Equal("bad_data: 1:45: parse error: unclosed left parenthesis", answer.Error);
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>", 502, "HTTP 502: the answer is not Prometheus API JSON: <html>Bad Gateway</html>")]
    [InlineData("", 503, "HTTP 503: the answer is not Prometheus API JSON: (empty)")]
    [InlineData("""{"status":"success","data":{"resultType":"vector"}}""", 200, "HTTP 200: the answer does not follow the Prometheus API")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}}""", 200, "HTTP 200: the answer does not follow the Prometheus API")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[]}}""", 500, "HTTP 500 with a success body")]
    [InlineData("""{"status":"fail"}""", 500, "HTTP 500: status fail")]
    public void AnswersThatAreNotTheApiAreErrors(string body, int status, string expected)
    {
        Assert.StartsWith(expected, Parse(body, status).Error);
    }

    [Theory]
    [InlineData("12.5", 12.5, null)]
    [InlineData("-3", -3.0, null)]
    [InlineData("1e3", 1000.0, null)]
    [InlineData("NaN", null, "NaN is not a finite number")]
    [InlineData("+Inf", null, "+Inf is not a finite number")]
    [InlineData("-Inf", null, "-Inf is not a finite number")]
    [InlineData("twelve", null, "'twelve' is not a number")]
    public void SampleValuesMustBeFiniteNumbers(string text, double? expected, string? problem)
    {
        var value = PromAnswer.Number(text, out var reason);

        Assert.Equal(expected, value);
        Assert.Equal(problem, reason);
    }
}
