using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class NotificationSettingsTests(UnyoApp app)
{
    [Fact]
    public async Task SomeoneAddsAnSmsAndAnEmailMethodAndSetsTheirStepsPerUrgency()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "How Unyo pages you" }).ClickAsync();
        await Expect(page.Locator(".rules-high .rule-steps li")).ToHaveTextAsync([S("At once.*Account email")]);

        await page.GetByLabel("Kind").SelectOptionAsync("sms");
        await page.GetByLabel("Address, number or URL").FillAsync("+1 415 555 0100");
        await page.GetByLabel("Label").FillAsync("Work phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add method" }).ClickAsync();
        // The browser tests' server has no phone provider: the method is added, with a warning.
        await Expect(page.Locator(".alert")).ToContainTextAsync("Added Work phone. No phone provider is configured");
        await page.GetByLabel("Kind").SelectOptionAsync("email");
        await page.GetByLabel("Address, number or URL").FillAsync("pager@example.com");
        await page.GetByLabel("Label").FillAsync("Pager inbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add method" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Added Pager inbox.");

        await AddStepAsync(page, "High urgency", "Work phone (SMS)", 0);
        await AddStepAsync(page, "High urgency", "Pager inbox (Email)", 5);
        await AddStepAsync(page, "Low urgency", "Pager inbox (Email)", 0);

        await Expect(page.Locator("table.contact-methods tbody tr")).ToHaveTextAsync([S("SMS.*Work phone.*\\+14155550100"), S("Email.*Pager inbox.*pager@example.com")]);
        await Expect(page.Locator(".rules-high .rule-steps li")).ToHaveTextAsync([S("At once.*SMS.*Work phone"), S("After 5 min.*Email.*Pager inbox")]);
        await Expect(page.Locator(".rules-low .rule-steps li")).ToHaveTextAsync([S("At once.*Email.*Pager inbox")]);
        await UnyoApp.ScreenshotAsync(page, "account-notifications");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Pager inbox", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Removed Pager inbox and the 2 steps that used it.");
        await Expect(page.Locator(".rules-low .rule-steps li")).ToHaveTextAsync([S("At once.*Account email.*default")]);
    }

    // Steps and rows span lines in the markup.
    private static Regex S(string pattern) => new(pattern, RegexOptions.Singleline);

    private static async Task AddStepAsync(IPage page, string urgency, string method, int minutes)
    {
        await page.GetByLabel($"{urgency}: contact method").SelectOptionAsync(new SelectOptionValue { Label = method });
        await page.GetByLabel($"{urgency}: minutes after the page").FillAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"section:has(h2:text-is('{urgency}'))").GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Added the step.");
    }
}
