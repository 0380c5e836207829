using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;

namespace Unyo.Tests.Checks.Probes;

public sealed class ProbeRunnerTests
{
    [Fact]
    public void ItIsASingletonTheContainerCanBuildFromATimeProvider()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton<ProbeRunner>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(services.GetRequiredService<ProbeRunner>(), services.GetRequiredService<ProbeRunner>());
    }

    [Fact]
    public async Task SettingsNoProbeRunsAreADownResultNotACrash()
    {
        using var runner = new ProbeRunner(TimeProvider.System);

        var result = await runner.RunAsync(new Pushed(), TimeSpan.FromSeconds(1), 2, TargetAllowList.Empty, TestContext.Current.CancellationToken);

        Assert.Equal((ProbeOutcome.Down, "heartbeat checks are not probed", 3), (result.Outcome, result.Reason, result.Attempts));
    }

    [Fact]
    public async Task ANegativeTimeoutIsADownResultNotACrash()
    {
        using var runner = new ProbeRunner(TimeProvider.System);
        var settings = new TcpProbeSettings { Host = "127.0.0.1", Port = 9 };

        var result = await runner.RunAsync(settings, TimeSpan.FromSeconds(-1), 0, TargetAllowList.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.StartsWith("probe failed unexpectedly: ArgumentOutOfRangeException", result.Reason);
    }

    private sealed record Pushed : ProbeSettings
    {
        public override CheckType Type => CheckType.Heartbeat;

        public override string TargetHost => "";

        public override string ToStored() => "{}";

        public override object ToContract() => new();
    }
}
