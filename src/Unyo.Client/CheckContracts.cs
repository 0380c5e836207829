namespace Unyo.Client;

/// <summary>
/// Creates or replaces a synthetic check: a probe of what users see, run on a schedule from one or more locations.
/// Checked by the same validator the YAML kind <c>Check</c> uses. Exactly one of <see cref="Http"/>, <see cref="Tcp"/>,
/// <see cref="Tls"/>, <see cref="Dns"/> or <see cref="Heartbeat"/> is given, matching <see cref="Type"/>.
/// </summary>
public sealed record CheckRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the service whose users this check stands in for (required). The check belongs to that service's team.</summary>
    public string? Service { get; init; }
    /// <summary>What a failure means for users, shown on the check page; at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary><c>http</c>, <c>tcp</c>, <c>tls</c>, <c>dns</c> or <c>heartbeat</c> (required).</summary>
    public string? Type { get; init; }
    /// <summary>How often to probe, as a duration (<c>30s</c>, <c>5m</c>, <c>1h</c>): 10 s to 24 h; 60 s by default. Not used by heartbeats.</summary>
    public string? Interval { get; init; }
    /// <summary>How long one attempt may take (<c>10s</c> by default): 1 s to 60 s, and less than the interval.</summary>
    public string? Timeout { get; init; }
    /// <summary>Further attempts within one run before the run counts as failed: 0 (the default) to 3.</summary>
    public int? Retries { get; init; }
    /// <summary>Consecutive failed runs at a location before it is down: 1 to 10 (default 2), so one lost packet does not page anyone.</summary>
    public int? DownAfter { get; init; }
    /// <summary>Consecutive good runs at a down location before it is up again: 1 to 10 (default 1).</summary>
    public int? UpAfter { get; init; }
    /// <summary>Where the check runs: <c>local</c> (the server itself, the default) and names of probe locations.</summary>
    public string[]? Locations { get; init; }
    /// <summary>How many locations must be down for the check to be down (k of n): 1 to the number of locations; 1 by default.</summary>
    public int? DownLocations { get; init; }
    /// <summary>False pauses the check: it is not run and raises nothing. True by default.</summary>
    public bool? Enabled { get; init; }
    /// <summary>For <c>type: http</c>.</summary>
    public HttpCheckRequest? Http { get; init; }
    /// <summary>For <c>type: tcp</c>.</summary>
    public TcpCheckRequest? Tcp { get; init; }
    /// <summary>For <c>type: tls</c>.</summary>
    public TlsCheckRequest? Tls { get; init; }
    /// <summary>For <c>type: dns</c>.</summary>
    public DnsCheckRequest? Dns { get; init; }
    /// <summary>For <c>type: heartbeat</c>.</summary>
    public HeartbeatCheckRequest? Heartbeat { get; init; }
}

/// <summary>An HTTP(S) request and what its answer must look like.</summary>
public sealed record HttpCheckRequest
{
    /// <summary>Absolute <c>http</c> or <c>https</c> URL (required), at most 2000 characters, without <c>user:password@</c> (send credentials in a header).</summary>
    public string? Url { get; init; }
    /// <summary>GET (the default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS.</summary>
    public string? Method { get; init; }
    /// <summary>
    /// Request headers, at most 30, values without line breaks. <c>Host</c>, <c>Content-Length</c>, <c>Transfer-Encoding</c>,
    /// <c>Connection</c>, <c>Keep-Alive</c>, <c>Upgrade</c>, <c>TE</c>, <c>Trailer</c>, <c>Expect</c> and <c>Proxy-Connection</c>
    /// are set by Unyo; <c>Content-*</c> headers go only with a body. <c>Authorization</c> and <c>Cookie</c> are not sent to another host after a redirect.
    /// </summary>
    public Dictionary<string, string>? Headers { get; init; }
    /// <summary>A request body (at most 64 KB in UTF-8) for POST, PUT, PATCH and DELETE; sent as <c>application/json</c> when it starts with <c>{</c> or <c>[</c>, else as <c>text/plain</c>, unless a <c>Content-Type</c> header says otherwise.</summary>
    public string? Body { get; init; }
    /// <summary>Status codes that count as success: 1 to 20 codes (<c>"200"</c>) and ranges (<c>"200-299"</c>) within 100-599. Default <c>["200-299"]</c> with redirects followed (the default), <c>["200-399"]</c> without.</summary>
    public string[]? ExpectedStatus { get; init; }
    /// <summary>An answer slower than this many milliseconds is slow: 1 to 60000. None by default.</summary>
    public int? LatencyThresholdMs { get; init; }
    /// <summary>What a slow answer is: <c>degraded</c> (the default) or <c>failure</c>; only with <see cref="LatencyThresholdMs"/>.</summary>
    public string? SlowIs { get; init; }
    /// <summary>Text the body must contain (ordinal, case-sensitive), at most 1000 characters.</summary>
    public string? BodyContains { get; init; }
    /// <summary>
    /// A .NET regular expression the body must match, at most 1000 characters. It runs on the NonBacktracking engine (time linear in
    /// the body, so nested quantifiers are safe); lookarounds, backreferences, atomic groups and conditionals are refused. It is given 100 ms to match.
    /// </summary>
    public string? BodyRegex { get; init; }
    /// <summary>A JSON value the body must hold. Not with HEAD, whose answers have no body (nor <see cref="BodyContains"/> and <see cref="BodyRegex"/>).</summary>
    public JsonPathAssertion? Json { get; init; }
    /// <summary>Follow up to 10 redirects (the default) or judge the first answer.</summary>
    public bool? FollowRedirects { get; init; }
    /// <summary>Verify the server's certificate (the default). False accepts any certificate.</summary>
    public bool? VerifyTls { get; init; }
    /// <summary><c>any</c> (the default), <c>ipv4</c> or <c>ipv6</c>: which addresses of the host to connect to.</summary>
    public string? IpVersion { get; init; }
    /// <summary>Read at most this many KB of the body (1 to 10240, default 1024); a longer body is cut there and judged on what was read.</summary>
    public int? MaxResponseKb { get; init; }
}

/// <summary>A value in a JSON body, found by a simple path such as <c>$.status</c> or <c>$.items[0].state</c>.</summary>
public sealed record JsonPathAssertion
{
    /// <summary>The path (required): <c>$</c>, then <c>.name</c>, <c>['name']</c> or <c>[index]</c> steps.</summary>
    public string? Path { get; init; }
    /// <summary>The value's text must equal this (strings without quotes, numbers and booleans as JSON writes them). Without it the value must only exist.</summary>
    public string? EqualTo { get; init; }
}

/// <summary>A TCP connection that must open.</summary>
public sealed record TcpCheckRequest
{
    /// <summary>Host name or IP address (required); IPv4 addresses as dotted quads.</summary>
    public string? Host { get; init; }
    /// <summary>Port, 1 to 65535 (required).</summary>
    public int? Port { get; init; }
    /// <summary><c>any</c> (the default), <c>ipv4</c> or <c>ipv6</c>.</summary>
    public string? IpVersion { get; init; }
}

/// <summary>A TLS certificate that must be valid for its host and not expire soon.</summary>
public sealed record TlsCheckRequest
{
    /// <summary>Host name to connect to and to validate the certificate for (required).</summary>
    public string? Host { get; init; }
    /// <summary>Port, 1 to 65535 (default 443).</summary>
    public int? Port { get; init; }
    /// <summary>The name sent in SNI and checked against the certificate, when it differs from <see cref="Host"/>.</summary>
    public string? ServerName { get; init; }
    /// <summary>Fewer days than this until expiry is degraded (default 21, at most 365); greater than <see cref="FailDays"/>.</summary>
    public int? WarnDays { get; init; }
    /// <summary>Fewer days than this until expiry is a failure (default 7, 0 to 365); less than <see cref="WarnDays"/>. An expired certificate, a wrong name or an untrusted chain is always a failure.</summary>
    public int? FailDays { get; init; }
    /// <summary><c>any</c> (the default), <c>ipv4</c> or <c>ipv6</c>.</summary>
    public string? IpVersion { get; init; }
}

/// <summary>A DNS question and the answers it must get.</summary>
public sealed record DnsCheckRequest
{
    /// <summary>The name to resolve (required), e.g. <c>www.example.com</c> or <c>_dmarc.example.com</c>; for PTR also an IP address.</summary>
    public string? Name { get; init; }
    /// <summary>A (the default), AAAA, CNAME, MX, NS, TXT, SRV, CAA, SOA or PTR.</summary>
    public string? RecordType { get; init; }
    /// <summary>
    /// Values the answer must hold (all of them, at most 20; order, case and trailing dots do not matter). Without them any answer will do,
    /// but an empty answer fails. A/AAAA: addresses; CNAME, NS, PTR: names; TXT: the strings joined; MX <c>10 mail.example.com</c> (or the name alone);
    /// SRV <c>10 5 5060 sip.example.com</c> (or the target alone); CAA <c>0 issue letsencrypt.org</c> (or <c>issue letsencrypt.org</c>).
    /// </summary>
    public string[]? Expected { get; init; }
    /// <summary>The resolver to ask, <c>IP</c>, <c>IP:port</c> or <c>[IPv6]:port</c> (not a host name). Default: the server's configured resolvers.</summary>
    public string? Resolver { get; init; }
}

/// <summary>A job that calls Unyo: a heartbeat is down when no ping arrives within a period plus its grace.</summary>
public sealed record HeartbeatCheckRequest
{
    /// <summary>How often the job runs, as a duration: 1 minute to 31 days (required).</summary>
    public string? Period { get; init; }
    /// <summary>How late a ping may be before the heartbeat is down (default 5 minutes; up to 7 days).</summary>
    public string? Grace { get; init; }
}

/// <summary>A check, with its current state. The <c>ETag</c> header of a single-check response carries its revision.</summary>
public sealed record CheckResponse
{
    /// <summary>Slug, unique in the organisation.</summary>
    public required string Name { get; init; }
    /// <summary>Slug of its service.</summary>
    public required string Service { get; init; }
    /// <summary>Slug of the team that owns the service (and so the check).</summary>
    public required string Team { get; init; }
    /// <summary>What a failure means for users, if described.</summary>
    public string? Description { get; init; }
    /// <summary>http, tcp, tls, dns or heartbeat.</summary>
    public required string Type { get; init; }
    /// <summary>Interval as a duration (<c>60s</c>); for heartbeats the period.</summary>
    public required string Interval { get; init; }
    /// <summary>Per-attempt timeout as a duration.</summary>
    public required string Timeout { get; init; }
    /// <summary>Further attempts within one run.</summary>
    public int Retries { get; init; }
    /// <summary>Consecutive failed runs before a location is down.</summary>
    public int DownAfter { get; init; }
    /// <summary>Consecutive good runs before a down location is up.</summary>
    public int UpAfter { get; init; }
    /// <summary>Where it runs.</summary>
    public required string[] Locations { get; init; }
    /// <summary>Locations that must be down for the check to be down.</summary>
    public int DownLocations { get; init; }
    /// <summary>False when paused.</summary>
    public bool Enabled { get; init; }
    /// <summary>The HTTP settings with defaults filled in, for http checks.</summary>
    public HttpCheckRequest? Http { get; init; }
    /// <summary>For tcp checks.</summary>
    public TcpCheckRequest? Tcp { get; init; }
    /// <summary>For tls checks.</summary>
    public TlsCheckRequest? Tls { get; init; }
    /// <summary>For dns checks.</summary>
    public DnsCheckRequest? Dns { get; init; }
    /// <summary>For heartbeats.</summary>
    public HeartbeatCheckRequest? Heartbeat { get; init; }
    /// <summary>For heartbeats, to members of the owning team and admins: the URL jobs call (<c>/ping/{token}</c>, with <c>/start</c> and <c>/fail</c>).</summary>
    public string? PingUrl { get; init; }
    /// <summary>up, degraded, down, pending (no result yet) or paused.</summary>
    public required string Status { get; init; }
    /// <summary>Why it is in that state, in words.</summary>
    public string? Reason { get; init; }
    /// <summary>Since when it has been in that state.</summary>
    public DateTimeOffset? StatusSince { get; init; }
    /// <summary>When the last result arrived.</summary>
    public DateTimeOffset? LastResultAt { get; init; }
    /// <summary>api, ui or apply: only apply-managed objects are ever pruned.</summary>
    public required string ManagedBy { get; init; }
    /// <summary>Increases with every change; the ETag is derived from it.</summary>
    public int Revision { get; init; }
    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One probe's result, as stored among a check's last results.</summary>
/// <param name="At">When the probe started (UTC).</param>
/// <param name="Location">Where it ran.</param>
/// <param name="Outcome">up, degraded or down.</param>
/// <param name="LatencyMs">How long the probe took, in milliseconds.</param>
/// <param name="Reason">Why it was degraded or down (or a short summary when up).</param>
/// <param name="Attempts">Attempts made, retries included.</param>
/// <param name="Details">What was seen: status code, resolved address, certificate expiry, DNS answers, a snippet of the body.</param>
public sealed record CheckResultResponse(DateTimeOffset At, string Location, string Outcome, int LatencyMs, string? Reason, int Attempts, Dictionary<string, string>? Details);

/// <summary>A change of a check's state.</summary>
/// <param name="At">When it changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why.</param>
/// <param name="InMaintenance">True when a maintenance window covered it; such changes raise no alerts.</param>
public sealed record CheckStateChangeResponse(DateTimeOffset At, string From, string To, string? Reason, bool InMaintenance);

/// <summary>One minute of a check's results, all locations together.</summary>
/// <param name="Minute">The minute's start (UTC).</param>
/// <param name="Runs">Results in the minute.</param>
/// <param name="Up">Results that were up.</param>
/// <param name="Degraded">Results that were degraded.</param>
/// <param name="Down">Results that were down.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P95Ms">95th percentile latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="MaxMs">Slowest result.</param>
public sealed record CheckMinuteResponse(DateTimeOffset Minute, int Runs, int Up, int Degraded, int Down, int P50Ms, int P95Ms, int P99Ms, int MaxMs);

/// <summary>The organisation's check settings (admins only).</summary>
public sealed record CheckSettingsRequest
{
    /// <summary>
    /// Targets that checks may probe although they are loopback, private, link-local or cloud-metadata addresses, at most 500:
    /// IP addresses, CIDR ranges (<c>10.0.0.0/8</c>), host names (<c>intranet.example</c>, whatever it resolves to) and wildcards
    /// (<c>*.corp.example</c>: names below it at any depth, not <c>corp.example</c> itself).
    /// </summary>
    public string[]? AllowedTargets { get; init; }
}

/// <summary>Creates a probe location (admins only).</summary>
public sealed record ProbeLocationRequest
{
    /// <summary>Slug, unique; checks name it in <c>locations</c>, and <c>unyo probe --location</c> gives it. <c>local</c> is the server itself and cannot be created.</summary>
    public string? Name { get; init; }
    /// <summary>Where it is, e.g. "Frankfurt, outside our network"; at most 500 characters.</summary>
    public string? Description { get; init; }
}

/// <summary>A probe location.</summary>
/// <param name="Name">Slug.</param>
/// <param name="Description">Where it is.</param>
/// <param name="LastSeenAt">When an agent last fetched its assignments; null if none ever did.</param>
/// <param name="LastSeenAgent">What the agent said it was (host and version).</param>
/// <param name="Checks">How many checks run there.</param>
/// <param name="Token">The agent token: only in the answer to creation and rotation, never again.</param>
public sealed record ProbeLocationResponse(string Name, string? Description, DateTimeOffset? LastSeenAt, string? LastSeenAgent, int Checks, string? Token = null);

/// <summary>What a probe agent runs: its location's checks, as their definitions.</summary>
/// <param name="Location">The location the token belongs to.</param>
/// <param name="AllowedTargets">The organisation's target allow list, which agents apply like the server.</param>
/// <param name="Checks">The enabled checks of the location.</param>
public sealed record ProbeAssignmentsResponse(string Location, string[] AllowedTargets, ProbeAssignment[] Checks);

/// <summary>One check a probe agent runs.</summary>
/// <param name="Id">The check's id, which results name.</param>
/// <param name="Revision">Its revision: a new one means new settings.</param>
/// <param name="Check">Its definition, as the API takes it.</param>
public sealed record ProbeAssignment(Guid Id, int Revision, CheckRequest Check);

/// <summary>A batch of results from a probe agent.</summary>
public sealed record ProbeResultsRequest
{
    /// <summary>At most 5000 results.</summary>
    public ProbeResultItem[]? Results { get; init; }
}

/// <summary>One result from a probe agent.</summary>
/// <param name="Check">The check's id (from the assignments).</param>
/// <param name="At">When the probe started (UTC).</param>
/// <param name="Outcome">up, degraded or down.</param>
/// <param name="LatencyMs">How long it took, 0 to 600000.</param>
/// <param name="Reason">Why, at most 1000 characters.</param>
/// <param name="Attempts">Attempts made, 1 to 4.</param>
/// <param name="Details">What was seen; at most 20 entries.</param>
public sealed record ProbeResultItem(Guid Check, DateTimeOffset At, string Outcome, int LatencyMs, string? Reason, int Attempts, Dictionary<string, string>? Details);

/// <summary>What became of a batch.</summary>
/// <param name="Accepted">Results queued for writing.</param>
/// <param name="Ignored">Results for checks that are gone or no longer run at this location (dropped, not an error: the agent's assignments were older).</param>
public sealed record ProbeResultsResponse(int Accepted, int Ignored);
