using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Unyo.IntegrationTests.Alerts;

/// A burst of PagerDuty triggers with distinct dedup keys from several senders at once, with the
/// server killed part-way: which keys were answered 202, and how many requests the kill cut off.
public sealed record Burst(IReadOnlySet<string> Accepted, int Sent, int CutOff, IReadOnlyList<string> Others)
{
    public static async Task<Burst> RunAsync(UnyoProcess unyo, string routingKey, int senders, int limit, int killAfterAccepted)
    {
        var accepted = new ConcurrentDictionary<string, bool>();
        var others = new ConcurrentQueue<string>();
        var next = 0;
        var cutOff = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = unyo.Client(token: null, TimeSpan.FromSeconds(30));

        async Task SendAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) <= limit)
            {
                var key = $"crash-{index:D5}";
                try
                {
                    var answer = await client.PostAsJsonAsync("v2/enqueue", AlertKit.Trigger(routingKey, key, $"Burst event {index}"));
                    if (answer.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted[key] = true;
                        if (accepted.Count >= killAfterAccepted)
                        {
                            enough.TrySetResult();
                        }
                    }
                    else
                    {
                        others.Enqueue($"{key}: {(int)answer.StatusCode}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The process is gone: this request's fate is unknown, so it counts for nothing.
                    Interlocked.Increment(ref cutOff);
                    return;
                }
            }
        }

        var sending = Enumerable.Range(0, senders).Select(_ => Task.Run(SendAsync)).ToList();
        await Task.WhenAny(enough.Task, Task.WhenAll(sending));
        await unyo.KillAsync();
        await Task.WhenAll(sending);
        return new Burst(accepted.Keys.ToHashSet(StringComparer.Ordinal), Math.Min(Volatile.Read(ref next), limit), cutOff, [.. others]);
    }
}
