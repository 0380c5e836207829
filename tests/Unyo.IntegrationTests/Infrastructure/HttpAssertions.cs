using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Unyo.IntegrationTests.Infrastructure;

public static class HttpAssertions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// Asserts a problem+json response and returns its field errors.
    public static async Task<Dictionary<string, string[]>> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemBody>(body, Json)!;
        Assert.Equal((int)expected, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Title));
        return problem.Errors ?? [];
    }

    /// Records holding lists compare by reference; their JSON compares by value.
    public static void SameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body, Json);

    private sealed record ProblemBody(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    /// The problem names `field`, and one of its messages contains `text`.
    public static void AssertField(this Dictionary<string, string[]> errors, string field, string text)
    {
        Assert.True(errors.TryGetValue(field, out var messages), $"no error for '{field}'; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.Contains(messages, m => m.Contains(text, StringComparison.Ordinal));
    }
}
