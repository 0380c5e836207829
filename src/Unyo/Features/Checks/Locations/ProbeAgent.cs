using System.Net.Sockets;
using Unyo.Client;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Locations;

// `unyo probe`: runs one location's checks away from the server. It fetches its assignments
// every AssignmentsEvery, runs them with the same dispatcher and probes as the server, keeps
// results in a bounded buffer and sends them in batches. When the server is away (a restart, a
// network cut) it keeps running what it last knew and sends the buffer once the server is back.
public sealed class ProbeAgent(UnyoClient client, string location, ProbeRunner runner, TimeProvider time, ProbeAgentOptions options, ILogger logger)
{
    private readonly CheckDispatcher _dispatcher = new(time, runner, options.Concurrency, options.PerHost, logger);
    private readonly Queue<CheckResultRecord> _buffer = new();
    private IReadOnlyList<CheckPlan> _plans = [];
    private TargetAllowList _allowed = TargetAllowList.Empty;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _sentAt = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private bool _serverAway;

    public int Buffered { get { lock (_buffer) { return _buffer.Count; } } }

    public int Assigned => _plans.Count;

    public long Sent { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await FirstFetchAsync(cancellationToken);
        // The tick is wall-clock pacing; what is due is judged by the TimeProvider (see RefreshWorker).
        using var timer = new PeriodicTimer(CheckScheduler.Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is buffered gets one last chance.
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await SendAsync(last.Token);
        }
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _fetchedAt >= options.AssignmentsEvery)
        {
            await FetchAsync(first: false, cancellationToken);
        }
        _dispatcher.Dispatch(_plans, location, now, _allowed, Keep, cancellationToken);
        if (now - _sentAt >= options.SendEvery && now >= _retryAt)
        {
            await SendAsync(cancellationToken);
        }
    }

    // The first fetch must work: a wrong token or location is a mistake to report, not to retry.
    // A server that does not answer yet is waited for, with backoff: an agent started before its
    // server (systemd starts units in parallel) must not exit and depend on being restarted.
    private async Task FirstFetchAsync(CancellationToken cancellationToken)
    {
        var wait = options.StartRetryFirst;
        while (true)
        {
            try
            {
                await FetchAsync(first: true, cancellationToken);
                return;
            }
            catch (Exception exception) when (IsAway(exception) || exception is UnyoApiException { Status: 429 or >= 500 })
            {
                logger.LogWarning("The server does not answer yet ({Reason}); trying again in {Wait} s", exception.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken);
                wait = wait * 2 < options.StartRetryMax ? wait * 2 : options.StartRetryMax;
            }
        }
    }

    private async Task FetchAsync(bool first, CancellationToken cancellationToken)
    {
        _fetchedAt = time.GetUtcNow();
        try
        {
            var assignments = await client.GetProbeAssignmentsAsync(cancellationToken);
            if (assignments.Location != location)
            {
                throw new ProbeAgentException($"the token belongs to location '{assignments.Location}', not '{location}'.");
            }
            _allowed = TargetAllowList.Parse(assignments.AllowedTargets, new ValidationErrors());
            _plans = [.. assignments.Checks.Select(Plan).OfType<CheckPlan>()];
            Back();
        }
        catch (UnyoApiException exception) when (exception.Status == StatusCodes.Status401Unauthorized)
        {
            if (first)
            {
                throw new ProbeAgentException($"the server refused the token: {exception.Detail}");
            }
            logger.LogError("The server refused this location's token (was it rotated?); running the last assignments");
        }
        catch (Exception exception) when (IsAway(exception) && !first)
        {
            Away(exception);
        }
    }

    private CheckPlan? Plan(ProbeAssignment assignment)
    {
        var errors = new ValidationErrors();
        var definition = CheckValidator.Validate(assignment.Check, errors);
        if (definition is null)
        {
            // A newer server may know settings this agent does not: say so rather than guess.
            logger.LogError("Check {Check} cannot run on this agent: {Errors}", assignment.Check.Name, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
            return null;
        }
        return new CheckPlan(assignment.Id, Guid.Empty, null, assignment.Revision, DateTimeOffset.MinValue, definition);
    }

    private bool Keep(CheckResultRecord record)
    {
        lock (_buffer)
        {
            if (_buffer.Count >= options.BufferSize)
            {
                // Away for long: the oldest results give way, so memory stays bounded.
                _buffer.Dequeue();
                CheckRunMetrics.Skipped("agent_buffer_full");
            }
            _buffer.Enqueue(record);
            return true;
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        _sentAt = time.GetUtcNow();
        while (true)
        {
            CheckResultRecord[] batch;
            lock (_buffer)
            {
                batch = [.. _buffer.Take(ProbeAgentEndpoints.MaxResults)];
            }
            if (batch.Length == 0)
            {
                return;
            }
            try
            {
                await client.SendProbeResultsAsync(new ProbeResultsRequest { Results = [.. batch.Select(Item)] }, cancellationToken);
                Sent += batch.Length;
                Back();
            }
            catch (UnyoApiException exception) when (exception.Status == StatusCodes.Status400BadRequest)
            {
                // Results the server will never take (too old after a long outage): dropped, said once.
                logger.LogError("The server refused {Count} results and they are dropped: {Errors}", batch.Length, string.Join("; ", exception.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).Take(5)));
            }
            catch (Exception exception) when (IsAway(exception) || exception is UnyoApiException { Status: 429 or >= 500 })
            {
                Away(exception);
                return;
            }
            lock (_buffer)
            {
                for (var i = 0; i < batch.Length && _buffer.Count > 0; i++)
                {
                    _buffer.Dequeue();
                }
            }
        }
    }

    private static ProbeResultItem Item(CheckResultRecord record) => new(
        record.CheckId, record.At, record.Result!.Outcome.ToName(), record.Result.LatencyMs, record.Result.Reason, record.Result.Attempts,
        record.Result.Details is null ? null : new Dictionary<string, string>(record.Result.Details));

    private static bool IsAway(Exception exception) => exception is HttpRequestException or SocketException or TaskCanceledException { InnerException: TimeoutException };

    private void Away(Exception exception)
    {
        _retryAt = time.GetUtcNow() + options.RetryEvery;
        if (!_serverAway)
        {
            logger.LogWarning("The server is away ({Reason}); running the last assignments and keeping results until it is back", exception.Message);
        }
        _serverAway = true;
    }

    private void Back()
    {
        if (_serverAway)
        {
            logger.LogInformation("The server is back");
        }
        _serverAway = false;
        _retryAt = DateTimeOffset.MinValue;
    }
}
