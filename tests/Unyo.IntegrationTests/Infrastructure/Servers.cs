using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing;

[assembly: AssemblyFixture(typeof(Unyo.IntegrationTests.Infrastructure.Servers))]

namespace Unyo.IntegrationTests.Infrastructure;

/// One server per provider for the whole test run; tests stay independent by using unique names.
public sealed class Servers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<UnyoApp>>> _apps = new();

    public Task<UnyoApp> GetAsync(string provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<Task<UnyoApp>>(() => UnyoApp.StartAsync(p))).Value;

    /// A server of its own, for tests that reason about the whole state (prune, export) and
    /// must not see objects that other tests create meanwhile.
    /// A server of its own may take extra settings, service replacements (a FakeTimeProvider) and
    /// test-only endpoints, mapped on this server alone.
    public Task<UnyoApp> GetIsolatedAsync(string provider, string purpose, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, Action<IEndpointRouteBuilder>? testOnlyEndpoints = null) =>
        _apps.GetOrAdd($"{provider}/{purpose}", _ => new Lazy<Task<UnyoApp>>(() => UnyoApp.StartAsync(provider, settings, services, testOnlyEndpoints))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try
            {
                await (await app.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The server never started (for example, PostgreSQL was not configured).
            }
        }
    }
}
