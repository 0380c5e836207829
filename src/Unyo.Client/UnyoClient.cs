using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unyo.Client;

/// <summary>A typed client for Unyo's REST API.</summary>
/// <remarks>Creates a client over <paramref name="http"/>, whose BaseAddress is the server's root URL.</remarks>
public sealed class UnyoClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates a client for <paramref name="server"/> that authenticates with an API token.</summary>
    public static UnyoClient Create(Uri server, string? token)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new UnyoClient(http);
    }

    /// <summary>Plans or applies configuration files.</summary>
    public async Task<ApplyResponse> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/apply", request, Json, cancellationToken);
        return await ReadAsync<ApplyResponse>(response, cancellationToken);
    }

    /// <summary>Returns the whole configuration as multi-document YAML: Unyo's own kinds, or with <paramref name="format"/> <c>openslo</c> the SLIs and SLOs as OpenSLO v1.</summary>
    public Task<string> ExportAsync(string? format = null, CancellationToken cancellationToken = default) =>
        GetTextAsync(Url("api/v1/export", ("format", format)), cancellationToken);

    /// <summary>Lists services, optionally filtered, one page at a time.</summary>
    public async Task<Page<ServiceResponse>> ListServicesAsync(string? team = null, int? tier = null, string? tag = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var url = Url("api/v1/services", ("team", team), ("tier", tier), ("tag", tag), ("cursor", cursor), ("limit", limit));
        using var response = await http.GetAsync(url, cancellationToken);
        return await ReadAsync<Page<ServiceResponse>>(response, cancellationToken);
    }

    /// <summary>Gets one service by slug.</summary>
    public async Task<ServiceResponse> GetServiceAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/services/{Uri.EscapeDataString(name)}", cancellationToken);
        return await ReadAsync<ServiceResponse>(response, cancellationToken);
    }

    /// <summary>Creates a service.</summary>
    public async Task<ServiceResponse> CreateServiceAsync(ServiceRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/services", request, Json, cancellationToken);
        return await ReadAsync<ServiceResponse>(response, cancellationToken);
    }

    /// <summary>Reads the audit log, newest first (organisation admins only): records at or after
    /// `from` and before `to`; pass a page's NextCursor as `cursor` for the next, older page.</summary>
    public async Task<Page<AuditRecordResponse>> ListAuditAsync(string? actor = null, string? kind = null, string? name = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var url = Url("api/v1/audit", ("actor", actor), ("kind", kind), ("name", name), ("action", action),
            ("from", from?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("to", to?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), ("cursor", cursor), ("limit", limit));
        using var response = await http.GetAsync(url, cancellationToken);
        return await ReadAsync<Page<AuditRecordResponse>>(response, cancellationToken);
    }

    /// <summary>Asks whether a service may ship now; `labels` describe the change (for example rollback).</summary>
    public async Task<ReleaseGateResponse> GetReleaseGateAsync(string service, IReadOnlyList<string>? labels = null, CancellationToken cancellationToken = default)
    {
        var url = Url($"api/v1/services/{Uri.EscapeDataString(service)}/release-gate", ("labels", labels is { Count: > 0 } ? string.Join(',', labels) : null));
        using var response = await http.GetAsync(url, cancellationToken);
        return await ReadAsync<ReleaseGateResponse>(response, cancellationToken);
    }

    /// <summary>An SLO's attainment per calendar month, from <paramref name="from"/> to <paramref name="to"/> (YYYY-MM, at most 36 months; by default the last twelve, this one included).</summary>
    public async Task<SlaReportResponse> GetSlaReportAsync(string slo, string? from = null, string? to = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(SlaReportUrl(slo, from, to, null), cancellationToken);
        return await ReadAsync<SlaReportResponse>(response, cancellationToken);
    }

    /// <summary>The same report as CSV (RFC 4180: a header row, then a row per month).</summary>
    public Task<string> GetSlaReportCsvAsync(string slo, string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        GetTextAsync(SlaReportUrl(slo, from, to, "csv"), cancellationToken);

    /// <summary>Every SLO's attainment in one <paramref name="month"/> (YYYY-MM; by default the current month in UTC), or only those of one <paramref name="service"/>.</summary>
    public async Task<OrganisationSlaReportResponse> GetOrganisationSlaReportAsync(string? month = null, string? service = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Url("api/v1/sla-report", ("month", month), ("service", service)), cancellationToken);
        return await ReadAsync<OrganisationSlaReportResponse>(response, cancellationToken);
    }

    /// <summary>The same report as CSV (RFC 4180: a header row, then a row per SLO).</summary>
    public Task<string> GetOrganisationSlaReportCsvAsync(string? month = null, string? service = null, CancellationToken cancellationToken = default) =>
        GetTextAsync(Url("api/v1/sla-report", ("month", month), ("service", service), ("format", "csv")), cancellationToken);

    private static string SlaReportUrl(string slo, string? from, string? to, string? format) =>
        Url($"api/v1/slos/{Uri.EscapeDataString(slo)}/sla-report", ("from", from), ("to", to), ("format", format));

    /// <summary>Returns a Prometheus rule file (YAML) with recording and multi-window burn-rate alerting rules for an SLO whose SLI reads from Prometheus.</summary>
    public Task<string> GetPrometheusRulesAsync(string slo, CancellationToken cancellationToken = default) =>
        GetTextAsync($"api/v1/slos/{Uri.EscapeDataString(slo)}/prometheus-rules", cancellationToken);

    private async Task<string> GetTextAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Lists error-budget policies in name order, one page at a time.</summary>
    public async Task<Page<ErrorBudgetPolicyResponse>> ListErrorBudgetPoliciesAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Url("api/v1/error-budget-policies", ("cursor", cursor), ("limit", limit)), cancellationToken);
        return await ReadAsync<Page<ErrorBudgetPolicyResponse>>(response, cancellationToken);
    }

    /// <summary>Gets one error-budget policy by slug; its <see cref="ErrorBudgetPolicyResponse.Revision"/> is what a replace or delete names to detect concurrent changes.</summary>
    public async Task<ErrorBudgetPolicyResponse> GetErrorBudgetPolicyAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/error-budget-policies/{Uri.EscapeDataString(name)}", cancellationToken);
        return await ReadAsync<ErrorBudgetPolicyResponse>(response, cancellationToken);
    }

    /// <summary>Creates an error-budget policy.</summary>
    public async Task<ErrorBudgetPolicyResponse> CreateErrorBudgetPolicyAsync(ErrorBudgetPolicyRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/error-budget-policies", request, Json, cancellationToken);
        return await ReadAsync<ErrorBudgetPolicyResponse>(response, cancellationToken);
    }

    /// <summary>Replaces an error-budget policy. With <paramref name="revision"/>, the server refuses (412) when the policy changed since that revision was read.</summary>
    public async Task<ErrorBudgetPolicyResponse> ReplaceErrorBudgetPolicyAsync(string name, ErrorBudgetPolicyRequest request, int? revision = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, $"api/v1/error-budget-policies/{Uri.EscapeDataString(name)}") { Content = JsonContent.Create(request, options: Json) };
        IfMatch(message, revision);
        using var response = await http.SendAsync(message, cancellationToken);
        return await ReadAsync<ErrorBudgetPolicyResponse>(response, cancellationToken);
    }

    /// <summary>Deletes an error-budget policy; its services fall back to the organisation default (or the built-in policy). With <paramref name="revision"/>, refused (412) when it changed since.</summary>
    public async Task DeleteErrorBudgetPolicyAsync(string name, int? revision = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, $"api/v1/error-budget-policies/{Uri.EscapeDataString(name)}");
        IfMatch(message, revision);
        using var response = await http.SendAsync(message, cancellationToken);
        await ThrowIfProblemAsync(response, cancellationToken);
    }

    /// <summary>Gets the error-budget policy that governs a service now: its own, the organisation default or the built-in one.</summary>
    public async Task<EffectiveErrorBudgetPolicyResponse> GetEffectiveErrorBudgetPolicyAsync(string service, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/services/{Uri.EscapeDataString(service)}/error-budget-policy", cancellationToken);
        return await ReadAsync<EffectiveErrorBudgetPolicyResponse>(response, cancellationToken);
    }

    /// <summary>Lists alerts, newest first, one page at a time. <paramref name="status"/> takes any of triggered, acknowledged and resolved.</summary>
    public async Task<Page<AlertResponse>> ListAlertsAsync(IReadOnlyList<string>? status = null, string? service = null, string? team = null, string? urgency = null,
        string? severity = null, string? q = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var url = Url("api/v1/alerts", [.. (status ?? []).Select(s => ("status", (object?)s)), ("service", service), ("team", team), ("urgency", urgency),
            ("severity", severity), ("q", q), ("cursor", cursor), ("limit", limit)]);
        using var response = await http.GetAsync(url, cancellationToken);
        return await ReadAsync<Page<AlertResponse>>(response, cancellationToken);
    }

    /// <summary>Gets one alert with its details and timeline.</summary>
    public async Task<AlertDetailResponse> GetAlertAsync(long id, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/alerts/{id}", cancellationToken);
        return await ReadAsync<AlertDetailResponse>(response, cancellationToken);
    }

    /// <summary>Acknowledges a triggered alert. An alert already acknowledged or resolved answers 409 (<see cref="UnyoApiException.Status"/>).</summary>
    public Task<AlertResponse> AcknowledgeAlertAsync(long id, CancellationToken cancellationToken = default) => AlertActionAsync(id, "acknowledge", null, cancellationToken);

    /// <summary>Resolves an alert. An alert already resolved answers 409.</summary>
    public Task<AlertResponse> ResolveAlertAsync(long id, CancellationToken cancellationToken = default) => AlertActionAsync(id, "resolve", null, cancellationToken);

    /// <summary>Snoozes an acknowledged alert until a time; it triggers and notifies again then.</summary>
    public Task<AlertResponse> SnoozeAlertAsync(long id, SnoozeAlertRequest request, CancellationToken cancellationToken = default) => AlertActionAsync(id, "snooze", request, cancellationToken);

    /// <summary>Assigns an alert to a person of the organisation.</summary>
    public Task<AlertResponse> ReassignAlertAsync(long id, ReassignAlertRequest request, CancellationToken cancellationToken = default) => AlertActionAsync(id, "reassign", request, cancellationToken);

    /// <summary>Adds a Markdown note to an alert's timeline.</summary>
    public async Task<AlertTimelineEntryResponse> AddAlertNoteAsync(long id, AlertNoteRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/alerts/{id}/notes", request, Json, cancellationToken);
        return await ReadAsync<AlertTimelineEntryResponse>(response, cancellationToken);
    }

    /// <summary>Acknowledges up to 500 alerts; the answer says what became of each.</summary>
    public async Task<BulkAcknowledgeResponse> AcknowledgeAlertsAsync(BulkAcknowledgeRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/alerts/acknowledge", request, Json, cancellationToken);
        return await ReadAsync<BulkAcknowledgeResponse>(response, cancellationToken);
    }

    private async Task<AlertResponse> AlertActionAsync(long id, string action, object? body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/alerts/{id}/{action}", body ?? new { }, Json, cancellationToken);
        return await ReadAsync<AlertResponse>(response, cancellationToken);
    }

    /// <summary>Declares an incident; the answer holds it in full (roles, timeline, warnings such as a missing commander).</summary>
    public async Task<IncidentDetailResponse> DeclareIncidentAsync(DeclareIncidentRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/incidents", request, Json, cancellationToken);
        return await ReadAsync<IncidentDetailResponse>(response, cancellationToken);
    }

    /// <summary>Lists notifications in the outbox, newest first; <paramref name="status"/> <c>dead</c> gives the dead-letter list.</summary>
    public async Task<Page<NotificationResponse>> ListNotificationsAsync(string? status = null, long? alert = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Url("api/v1/notifications", ("status", status), ("alert", alert), ("cursor", cursor), ("limit", limit)), cancellationToken);
        return await ReadAsync<Page<NotificationResponse>>(response, cancellationToken);
    }

    /// <summary>Sends a dead-lettered notification again (admins): pending, due now, its attempts kept.</summary>
    public async Task<NotificationResponse> RetryNotificationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync($"api/v1/notifications/{id}/retry", null, cancellationToken);
        return await ReadAsync<NotificationResponse>(response, cancellationToken);
    }

    private static void IfMatch(HttpRequestMessage message, int? revision)
    {
        if (revision is { } known)
        {
            message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{known.ToString(System.Globalization.CultureInfo.InvariantCulture)}\""));
        }
    }

    // The path with the parameters that have a value, escaped.
    private static string Url(string path, params (string Key, object? Value)[] parameters)
    {
        var query = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}")
            .ToList();
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>For probe agents (the client's token is a location's agent token): the checks the location runs.</summary>
    public async Task<ProbeAssignmentsResponse> GetProbeAssignmentsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/v1/probe/assignments", cancellationToken);
        return await ReadAsync<ProbeAssignmentsResponse>(response, cancellationToken);
    }

    /// <summary>For probe agents: sends a batch of results. A full server answers 429 (<see cref="UnyoApiException.Status"/>); send the batch again later.</summary>
    public async Task<ProbeResultsResponse> SendProbeResultsAsync(ProbeResultsRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/probe/results", request, Json, cancellationToken);
        return await ReadAsync<ProbeResultsResponse>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await ThrowIfProblemAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private static async Task ThrowIfProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ProblemDocument? problem = null;
        try
        {
            problem = body.Length > 0 ? JsonSerializer.Deserialize<ProblemDocument>(body, Json) : null;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): report the status and the text.
        }
        throw new UnyoApiException(
            (int)response.StatusCode,
            problem?.Title ?? response.ReasonPhrase,
            problem?.Detail ?? (problem is null && body.Length > 0 ? body[..Math.Min(body.Length, 500)] : null),
            problem?.Errors ?? new Dictionary<string, string[]>());
    }

    private sealed record ProblemDocument(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
