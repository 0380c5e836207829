using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.OnCall.ContactMethodKit;

namespace Unyo.IntegrationTests.OnCall;

public sealed class ContactMethodApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task APersonSetsUpTheirOwnMethodsAndRulesAndDeletingAMethodTakesItsStepsWithIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        using var me = app.Client(person.Token);

        var none = await (await me.GetAsync("api/v1/users/me/notification-rules")).ReadAsync<NotificationRulesResponse>(HttpStatusCode.OK);
        var email = await AddAsync(me, "me", "email", address: "pager@example.test", label: "Pager inbox");
        var sms = await AddAsync(me, "me", "sms", address: "+49 151 0000-0001");
        var push = await AddAsync(me, "me", "push", url: "https://push.example.com/relay/abc?key=secret-in-url");
        var chat = await AddAsync(me, "me", "chat", url: "https://hooks.example.com/services/T0/B0/x");
        var rules = await SetRulesAsync(me, "me", [Step(email.Id, 5), Step(sms.Id, 0)], [Step(email.Id, 0)]);
        var listed = await (await me.GetAsync($"api/v1/users/{person.Email}/contact-methods")).ReadAsync<List<ContactMethodResponse>>(HttpStatusCode.OK);
        var raw = await (await me.GetAsync("api/v1/users/me/contact-methods")).Content.ReadAsStringAsync();

        Assert.True(none.IsDefault);
        HttpAssertions.SameJson(new NotificationRulesResponse([new(null, "email", "Account email", 0, true)], [new(null, "email", "Account email", 0, true)], true), none);
        Assert.Equal(("email", "Pager inbox", "pager@example.test", null), (email.Kind, email.Label, email.Address, email.SigningSecret));
        Assert.Equal(("sms", "SMS", "+4915100000001"), (sms.Kind, sms.Label, sms.Address));
        Assert.Contains("UNYO_PHONE_", sms.Warning);
        Assert.Null(email.Warning);
        Assert.Equal(("push", null, "push.example.com"), (push.Kind, push.Address, push.UrlHost));
        Assert.StartsWith("whsec_", push.SigningSecret);
        Assert.Null(chat.SigningSecret);
        Assert.False(rules.IsDefault);
        HttpAssertions.SameJson(new NotificationRulesResponse([new(sms.Id, "sms", "SMS", 0), new(email.Id, "email", "Pager inbox", 5)], [new(email.Id, "email", "Pager inbox", 0)], false), rules);
        Assert.Equal([email.Id, sms.Id, push.Id, chat.Id], listed.Select(m => m.Id));
        Assert.All(listed, m => Assert.Null(m.SigningSecret));
        Assert.DoesNotContain("secret-in-url", raw);
        Assert.DoesNotContain(push.SigningSecret!, raw);
        var sealedText = app.WithDb(db => db.ContactMethods.Single(c => c.Id == push.Id).SealedSecrets);
        Assert.DoesNotContain("push.example.com", sealedText);

        var relabelled = await (await me.PutAsJsonAsync($"api/v1/users/me/contact-methods/{push.Id}", new ContactMethodRequest { Kind = "push", Label = "Phone app" }, HttpAssertions.Json))
            .ReadAsync<ContactMethodResponse>(HttpStatusCode.OK);
        var deleted = await (await me.DeleteAsync($"api/v1/users/me/contact-methods/{email.Id}")).ReadAsync<ContactMethodDeletedResponse>(HttpStatusCode.OK);
        var after = await (await me.GetAsync("api/v1/users/me/notification-rules")).ReadAsync<NotificationRulesResponse>(HttpStatusCode.OK);
        var records = await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(person.Email)}&limit=50")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(("Phone app", "push.example.com"), (relabelled.Label, relabelled.UrlHost));
        Assert.Equal(sealedText, app.WithDb(db => db.ContactMethods.Single(c => c.Id == push.Id).SealedSecrets));
        Assert.Equal(2, deleted.RemovedRules);
        HttpAssertions.SameJson(new NotificationRulesResponse([new(sms.Id, "sms", "SMS", 0)], [new(null, "email", "Account email", 0, true)], false), after);
        Assert.Equal(["contactmethod.create", "contactmethod.create", "contactmethod.create", "contactmethod.create", "notificationrules.update", "contactmethod.update", "contactmethod.delete"],
            records.Items.OrderBy(r => r.Id).Select(r => r.Action));
        Assert.All(records.Items, r => Assert.Equal(person.Email, r.ObjectName));
        Assert.DoesNotContain(records.Items, r => (r.After ?? "").Contains("+4915100000001", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task EveryBadContactMethodIsRefusedNamingTheFieldAndNothingIsStored(string provider)
    {
        // A server of its own: the shared one's target allow list is widened by other tests (127.0.0.1), which this test expects refused.
        var app = await servers.GetIsolatedAsync(provider, "contact-method-refusals");
        var person = await app.CreateUserAsync(OrgRole.Member);
        using var me = app.Client(person.Token);
        var cases = new (ContactMethodRequest Request, string Field, string Text)[]
        {
            (new() { Address = "a@example.test" }, "kind", "is required"),
            (new() { Kind = "pager", Address = "a@example.test" }, "kind", "must be one of email, sms, voice, chat, push"),
            (new() { Kind = "email", Address = "not-an-address" }, "address", "must be an email address"),
            (new() { Kind = "email" }, "address", "is required"),
            (new() { Kind = "sms", Address = "4915100000001" }, "address", "E.164"),
            (new() { Kind = "voice", Address = "+1234567" }, "address", "8 to 15 digits"),
            (new() { Kind = "sms", Address = "+1234567890123456" }, "address", "E.164"),
            (new() { Kind = "chat", Url = "ftp://chat.example.com/hook" }, "url", "http or https"),
            (new() { Kind = "push" }, "url", "is required"),
            (new() { Kind = "push", Url = "http://127.0.0.1:9/hook" }, "url", "Unyo may not send to it"),
            (new() { Kind = "push", Url = "http://169.254.169.254/latest" }, "url", "Unyo may not send to it"),
            (new() { Kind = "chat", Url = "http://localhost/hook" }, "url", "names this server itself"),
            (new() { Kind = "push", Url = "https://user:pw@push.example.com/" }, "url", "user name or password"),
            (new() { Kind = "push", Url = "https://push.example.com/", Address = "+4915100000001" }, "address", "is not used by push"),
            (new() { Kind = "email", Address = "a@example.test", Url = "https://push.example.com/" }, "url", "only for chat and push"),
            (new() { Kind = "email", Address = "a@example.test", Label = new string('x', 101) }, "label", "at most 100"),
        };
        foreach (var (request, field, text) in cases)
        {
            (await (await me.PostJsonAsync("api/v1/users/me/contact-methods", request)).ProblemAsync(HttpStatusCode.BadRequest)).AssertField(field, text);
        }
        var sms = await AddAsync(me, "me", "sms", address: "+4915100000001");
        (await (await me.PutAsJsonAsync($"api/v1/users/me/contact-methods/{sms.Id}", new ContactMethodRequest { Kind = "voice", Address = "+4915100000001" }, HttpAssertions.Json))
            .ProblemAsync(HttpStatusCode.BadRequest)).AssertField("kind", "cannot change from sms to voice");
        await (await me.PutAsJsonAsync($"api/v1/users/me/contact-methods/{Guid.NewGuid()}", new ContactMethodRequest { Kind = "sms", Address = "+4915100000001" }, HttpAssertions.Json)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await me.DeleteAsync($"api/v1/users/me/contact-methods/{Guid.NewGuid()}")).StatusCode);

        Assert.Equal([sms.Id], (await (await me.GetAsync("api/v1/users/me/contact-methods")).ReadAsync<List<ContactMethodResponse>>(HttpStatusCode.OK)).Select(m => m.Id));
    }

    [Theory, DatabaseData]
    public async Task EveryBadRuleSetIsRefusedNamingTheStepAndTheStoredRulesStay(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        var other = await app.CreateUserAsync(OrgRole.Member);
        using var me = app.Client(person.Token);
        var email = await AddAsync(me, "me", "email", address: "pager@example.test");
        var theirs = await AddAsync(app.Client(other.Token), "me", "email", address: "theirs@example.test");
        var kept = await SetRulesAsync(me, "me", [Step(email.Id, 0)], []);
        var cases = new (NotificationRulesRequest Request, string Field, string Text)[]
        {
            (new() { High = [Step(email.Id, 241)] }, "high[0].delayMinutes", "between 0 and 240"),
            (new() { Low = [Step(email.Id, 0), Step(email.Id, -1)] }, "low[1].delayMinutes", "between 0 and 240"),
            (new() { High = [new() { DelayMinutes = 0 }] }, "high[0].contactMethod", "is required"),
            (new() { High = [new() { ContactMethod = email.Id }] }, "high[0].delayMinutes", "is required"),
            (new() { High = [Step(theirs.Id, 0)] }, "high[0].contactMethod", $"is not one of {person.Email}'s contact methods"),
            (new() { Low = [Step(email.Id, 5), Step(email.Id, 5)] }, "low[1]", "repeats"),
            (new() { High = [.. Enumerable.Range(0, 11).Select(i => Step(email.Id, i))] }, "high", "at most 10"),
        };
        foreach (var (request, field, text) in cases)
        {
            (await (await me.PutAsJsonAsync("api/v1/users/me/notification-rules", request, HttpAssertions.Json)).ProblemAsync(HttpStatusCode.BadRequest)).AssertField(field, text);
        }

        HttpAssertions.SameJson(kept, await (await me.GetAsync("api/v1/users/me/notification-rules")).ReadAsync<NotificationRulesResponse>(HttpStatusCode.OK));
    }

    [Theory, DatabaseData]
    public async Task OnlyThePersonAndAdminsMaySeeOrChangeAPersonsContactMethods(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        var colleague = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        var admin = await app.CreateUserAsync(OrgRole.Admin);
        var sms = await AddAsync(app.Client(person.Token), "me", "sms", address: "+4915100000001");
        using var them = app.Client(colleague.Token);
        var path = $"api/v1/users/{person.Email}";

        var refusals = new[]
        {
            await them.GetAsync($"{path}/contact-methods"),
            await them.GetAsync($"{path}/notification-rules"),
            await them.PostJsonAsync($"{path}/contact-methods", new ContactMethodRequest { Kind = "email", Address = "x@example.test" }),
            await them.PutAsJsonAsync($"{path}/contact-methods/{sms.Id}", new ContactMethodRequest { Kind = "sms", Address = "+4915100000009" }, HttpAssertions.Json),
            await them.DeleteAsync($"{path}/contact-methods/{sms.Id}"),
            await them.PostAsync($"{path}/contact-methods/{sms.Id}/test", null),
            await them.PutAsJsonAsync($"{path}/notification-rules", new NotificationRulesRequest(), HttpAssertions.Json),
            // Whether an account exists is not told to people who may not see it.
            await them.GetAsync("api/v1/users/nobody-here@example.test/contact-methods"),
            // Viewers read their own settings but change nothing.
            await app.Client(viewer.Token).PostJsonAsync("api/v1/users/me/contact-methods", new ContactMethodRequest { Kind = "email", Address = "v@example.test" }),
        };
        var adminReads = await (await app.Client(admin.Token).GetAsync($"{path}/contact-methods")).ReadAsync<List<ContactMethodResponse>>(HttpStatusCode.OK);
        var adminChanges = await (await app.Client(admin.Token).PutAsJsonAsync($"{path}/notification-rules", new NotificationRulesRequest { High = [Step(sms.Id, 0)] }, HttpAssertions.Json))
            .ReadAsync<NotificationRulesResponse>(HttpStatusCode.OK);
        var unknown = await app.Client(admin.Token).GetAsync("api/v1/users/nobody-here@example.test/contact-methods");
        var viewerReads = await app.Client(viewer.Token).GetAsync("api/v1/users/me/notification-rules");

        foreach (var refusal in refusals)
        {
            await refusal.ProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Contains("personal data", await refusals[0].Content.ReadAsStringAsync());
        Assert.Equal([sms.Id], adminReads.Select(m => m.Id));
        Assert.Equal(sms.Id, adminChanges.High.Single().ContactMethod);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, viewerReads.StatusCode);
        Assert.Equal([sms.Id], (await (await app.Client(person.Token).GetAsync("api/v1/users/me/contact-methods")).ReadAsync<List<ContactMethodResponse>>(HttpStatusCode.OK)).Select(m => m.Id));
    }
}
