namespace Unyo.Hosting;

// Something a feature wants forgotten periodically (expired rows). The housekeeping worker runs
// every registered task under its lease, so features need no worker of their own for it.
public interface IHousekeepingTask
{
    string Name { get; }

    // Returns how many rows were removed.
    Task<int> RunAsync(CancellationToken cancellationToken);
}
