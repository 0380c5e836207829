using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Unyo.IntegrationTests.Infrastructure;

/// Endpoints that exist only in a test server, for policies no feature uses yet (ingest). They
/// sit behind the program's whole pipeline (authentication, the MFA gate, exception handling) and
/// are reached when none of its endpoints matched; they are not in its OpenAPI document.
internal sealed class TestOnlyEndpoints(Action<IEndpointRouteBuilder> map) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.UseRouting();
        app.UseAuthorization();
        app.UseEndpoints(map);
    };
}
