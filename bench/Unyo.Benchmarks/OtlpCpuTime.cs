using System.Diagnostics;
using Unyo.Features.Telemetry.Otlp;

namespace Unyo.Benchmarks;

/// OtlpIngestBenchmarks.DecodeAndAggregate timed by the process's CPU time: on a machine whose
/// cores other processes share, wall-clock figures measure the queue for the CPU, CPU time
/// measures the work. Prints points per CPU-second for each temporality.
public static class OtlpCpuTime
{
    public static void Run()
    {
        foreach (var temporality in new[] { OtlpTemporality.Delta, OtlpTemporality.Cumulative })
        {
            var benchmark = new OtlpIngestBenchmarks { Temporality = temporality };
            benchmark.Setup();
            for (var i = 0; i < 500; i++)
            {
                benchmark.DecodeAndAggregate();
            }
            const int requests = 5000;
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < requests; i++)
            {
                benchmark.DecodeAndAggregate();
            }
            wall.Stop();
            process.Refresh();
            var seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)requests;
            Console.WriteLine($"{temporality}: {requests * OtlpIngestBenchmarks.Points / seconds:N0} points per CPU-second, {seconds / requests * 1e6:N0} µs CPU per request of {OtlpIngestBenchmarks.Points} points, {bytes / 1024:N1} KiB allocated per request, wall {wall.Elapsed.TotalSeconds:N1} s");
        }
    }
}
