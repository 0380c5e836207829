using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Slos;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// The SLO list puts the least budget first across every SLO, not within one page.
public sealed class SloListOrderTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task LeastBudgetComesFirstAcrossPagesAndUnevaluatedSlosLast(string provider)
    {
        await using var app = await servers.GetIsolatedAsync(provider, "slo-list-order");
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        // Names in the opposite order of their budgets, so name order cannot pass for budget order.
        (string Name, double? Budget)[] slos = [("a-unevaluated", null), ("b-plenty", 0.9), ("c-half", 0.5), ("d-overspent", -0.2), ("e-little", 0.1)];
        foreach (var (name, _) in slos)
        {
            (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();
        }
        app.WithDb(db =>
        {
            foreach (var (name, budget) in slos.Where(s => s.Budget is not null))
            {
                db.SloSnapshots.Add(new SloSnapshot { SloId = db.Slos.Single(s => s.Name == name).Id, EvaluatedAt = TimeProvider.System.GetUtcNow(), BudgetRemaining = budget });
            }
            return db.SaveChanges();
        });

        var order = new List<string>();
        for (var skip = 0; ; skip += 2)
        {
            using var scope = app.Services.CreateScope();
            var (items, more) = await scope.ServiceProvider.GetRequiredService<SloCatalog>().ListByBudgetAsync(skip, 2, TestContext.Current.CancellationToken);
            order.AddRange(items.Select(s => s.Name));
            if (!more)
            {
                break;
            }
        }

        Assert.Equal(["d-overspent", "e-little", "c-half", "b-plenty", "a-unevaluated"], order);
        var html = await admin.GetStringAsync("slos", TestContext.Current.CancellationToken);
        Assert.True(html.IndexOf("d-overspent", StringComparison.Ordinal) < html.IndexOf("b-plenty", StringComparison.Ordinal));
    }
}
