using Unyo.Features.Incidents.Learning;

namespace Unyo.Tests.Incidents;

public sealed class TitleSimilarityTests
{
    [Theory]
    [InlineData("Checkout returns 500s after deploy", "checkout returning 500s after the deploy")]
    [InlineData("Database primary out of disk", "Database primary out of disk again")]
    [InlineData("Payments API latency", "payments api: latency over 2s")]
    public void SimilarTitlesMatch(string a, string b) =>
        Assert.True(TitleSimilarity.Similar(TitleSimilarity.Words(a), TitleSimilarity.Words(b)));

    [Theory]
    [InlineData("Checkout slow", "Search slow")]
    [InlineData("Outage", "Outage of the login service because of expired certificate")]
    [InlineData("Database primary out of disk", "Login page returns 404")]
    [InlineData("", "Anything at all")]
    public void DifferentTitlesDoNot(string a, string b) =>
        Assert.False(TitleSimilarity.Similar(TitleSimilarity.Words(a), TitleSimilarity.Words(b)));

    [Fact]
    public void WordsAreLowerCasedWithoutFillerOrPunctuation() =>
        Assert.Equal(["checkout", "500s", "deploy"], TitleSimilarity.Words("Checkout: 500s after the DEPLOY!"));
}
