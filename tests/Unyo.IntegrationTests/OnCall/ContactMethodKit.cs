using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.OnCall;

/// Requests the contact method and notification rule tests share.
public static class ContactMethodKit
{
    public static async Task<ContactMethodResponse> AddAsync(HttpClient client, string email, string kind, string? address = null, string? url = null, string? label = null) =>
        await (await client.PostJsonAsync($"api/v1/users/{email}/contact-methods", new ContactMethodRequest { Kind = kind, Address = address, Url = url, Label = label }))
            .ReadAsync<ContactMethodResponse>(HttpStatusCode.Created);

    public static NotificationRuleStepRequest Step(Guid method, int delay) => new() { ContactMethod = method, DelayMinutes = delay };

    public static async Task<NotificationRulesResponse> SetRulesAsync(HttpClient client, string email, NotificationRuleStepRequest[] high, NotificationRuleStepRequest[] low) =>
        await (await client.PutAsJsonAsync($"api/v1/users/{email}/notification-rules", new NotificationRulesRequest { High = high, Low = low }, HttpAssertions.Json))
            .ReadAsync<NotificationRulesResponse>(HttpStatusCode.OK);
}
