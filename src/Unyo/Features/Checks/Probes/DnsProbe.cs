using DnsClient;

namespace Unyo.Features.Checks.Probes;

// A DNS check: one question to the check's resolver (or the server's own), no cache, no retries
// of its own (the check's retries apply), and the answers compared with the expected values.
internal sealed class DnsProbe(TimeProvider time)
{
    private const int MaxAnswersShown = 10;
    private static readonly TimeSpan SystemResolversRefresh = TimeSpan.FromMinutes(1);

    private readonly LookupClient _client = new(new LookupClientOptions { UseCache = false, AutoResolveNameServers = false });
    private (IReadOnlyCollection<NameServer> Servers, long At)? _system;

    public async Task<ProbeResult> RunAsync(DnsProbeSettings settings, TargetAllowList allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var resolver = DnsAnswers.Describe(settings.Resolver);
        if (settings.Resolver is { } endpoint && TargetGuard.IsRestricted(endpoint.Address, out var why) && !allowed.Allows(endpoint.Address))
        {
            return Down(started, $"refused: resolver {endpoint.Address} is {why}; {TargetGuard.AllowHint}", null);
        }
        var servers = settings.Resolver is { } chosen ? [new NameServer(chosen)] : SystemResolvers();
        if (servers.Count == 0)
        {
            return Down(started, "this server has no DNS resolver configured; name one in dns.resolver", null);
        }
        using var deadline = new CancellationTokenSource(timeout, time);
        using var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        var options = new DnsQueryOptions { UseCache = false, Retries = 0, Timeout = timeout, ThrowDnsErrors = false, UseTcpFallback = true, ContinueOnDnsError = false };
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryServerAsync(servers, new DnsQuestion(settings.Name, settings.RecordType), options, deadline.Token);
        }
        catch (Exception e) when (e is DnsResponseException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = deadline.IsCancellationRequested || e is DnsResponseException { Code: DnsResponseCode.ConnectionTimeout }
                ? $"timed out after {ProbeReasons.Duration(timeout)} waiting for {resolver} to answer"
                : $"DNS query to {resolver} failed: {e.Message}";
            return Down(started, reason, null);
        }
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["resolver"] = response.NameServer?.ToString() ?? resolver };
        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return Down(started, $"NXDOMAIN: {settings.Name} does not exist (asked {resolver})", details);
        }
        if (code != DnsHeaderResponseCode.NoError)
        {
            return Down(started, $"{resolver} answered {code} for {settings.Name} {settings.RecordType}", details);
        }
        var answers = response.Answers.Select(a => DnsAnswers.TextOf(a, settings.RecordType)).OfType<(string Text, string? Short)>().ToList();
        if (answers.Count > 0)
        {
            details["answers"] = string.Join(", ", answers.Take(MaxAnswersShown).Select(a => a.Text)) + (answers.Count > MaxAnswersShown ? $" and {answers.Count - MaxAnswersShown} more" : "");
        }
        if (answers.Count == 0)
        {
            return Down(started, $"no {settings.RecordType} records for {settings.Name}", details);
        }
        var missing = settings.Expected.Where(e => !answers.Any(a => DnsAnswers.Matches(e, a.Text, a.Short))).ToList();
        if (missing.Count > 0)
        {
            return Down(started, $"DNS answer lacks {string.Join(", ", missing)} (got {details["answers"]})", details);
        }
        return new ProbeResult(ProbeOutcome.Up, HttpProbe.Milliseconds(time.GetElapsedTime(started)), null, details);
    }

    private ProbeResult Down(long started, string reason, Dictionary<string, string>? details) =>
        new(ProbeOutcome.Down, HttpProbe.Milliseconds(time.GetElapsedTime(started)), reason, details);

    // The server's resolvers, read again now and then (resolv.conf may change); never a public
    // fallback resolver, which would send the question somewhere the admin did not configure.
    private IReadOnlyCollection<NameServer> SystemResolvers()
    {
        if (_system is { } known && time.GetElapsedTime(known.At) < SystemResolversRefresh)
        {
            return known.Servers;
        }
        var servers = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false);
        _system = (servers, time.GetTimestamp());
        return servers;
    }
}
