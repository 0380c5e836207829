namespace Unyo.IntegrationTests.Infrastructure;

public static class Names
{
    /// A slug no other test uses, so tests can share one server.
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
