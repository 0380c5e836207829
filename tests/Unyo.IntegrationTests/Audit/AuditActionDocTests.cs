using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.ConfigAsCode;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

/// docs/audit.md lists every action the code writes, and nothing else. There is no registry of
/// action names (callers pass strings to AuditLog), so the actions are read from the source: the
/// string given to Record, RecordHere, RecordSignIn or an AccessRefusal. The few calls that build
/// their action are known here by shape; a new call this test cannot read fails it, so the list
/// cannot quietly fall behind.
public sealed partial class AuditActionDocTests(Servers servers)
{
    private static readonly string[] KindVerbs = ["create", "update", "delete"];

    [Theory, DatabaseData]
    public async Task TheAuditPageListsEveryActionTheCodeWritesAndNoOther(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var scope = app.Services.CreateScope();
        var kinds = scope.ServiceProvider.GetServices<IConfigKind>().Select(k => k.Kind.ToLowerInvariant()).ToList();

        var (written, unread) = ActionsInSource(kinds);
        var documented = DocumentedActions();

        Assert.True(unread.Count == 0, $"Audit calls whose action this test cannot read (teach it the shape): {string.Join("; ", unread)}");
        var missing = written.Except(documented).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"docs/audit.md does not list: {string.Join(", ", missing)}");
        var stale = documented.Except(written).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, $"docs/audit.md lists actions the code no longer writes: {string.Join(", ", stale)}");
        Assert.Contains("mfa.reset", written);
        Assert.Contains("alert.acknowledge", written);
        Assert.Contains("slo.update", written);
    }

    private static (HashSet<string> Written, List<string> Unread) ActionsInSource(List<string> kinds)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var unread = new List<string>();
        var sources = Directory.EnumerateFiles(Repository.PathOf("src", "Unyo"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match call in ActionArgument().Matches(text))
            {
                var argument = call.Groups["arg"].Value.Trim();
                if (Literal().Match(argument) is { Success: true } literal)
                {
                    written.Add(literal.Groups[1].Value);
                }
                else if (Conditional().Match(argument) is { Success: true } either)
                {
                    // condition ? "one.action" : "another.action" (WebSessions).
                    written.UnionWith([either.Groups[1].Value, either.Groups[2].Value]);
                }
                else if (argument.StartsWith("$\"{", StringComparison.Ordinal) && argument.Contains("ToLowerInvariant()}.", StringComparison.Ordinal))
                {
                    // "{kind}.{verb}" of an object kind that `unyo apply` manages (ApplyEngine and the catalogs).
                    written.UnionWith(kinds.SelectMany(k => KindVerbs.Select(v => $"{k}.{v}")));
                }
                else if (Identifier().IsMatch(argument) && SwitchArms(text, argument) is { Count: > 0 } arms)
                {
                    // A variable set from a switch on the operation (AlertActions).
                    written.UnionWith(arms);
                }
                else
                {
                    unread.Add($"{Path.GetFileName(file)}: {argument}");
                }
            }
        }
        return (written, unread);
    }

    private static HashSet<string> SwitchArms(string text, string variable)
    {
        var start = text.IndexOf($"var {variable} = ", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        var block = text[start..text.IndexOf("};", start, StringComparison.Ordinal)];
        return [.. Arm().Matches(block).Select(m => m.Groups[1].Value)];
    }

    private static HashSet<string> DocumentedActions()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs", "audit.md"));
        var start = doc.IndexOf("## What is recorded", StringComparison.Ordinal);
        var section = doc[start..doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        return [.. section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Backticked().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))];
    }

    // The first argument of an audit call: up to the first comma outside braces and parentheses
    // is enough for the shapes in use (a literal, an interpolation, a variable).
    [GeneratedRegex(@"(?:\.(?:Record|RecordHere|RecordSignIn)|new AccessRefusal)\(\s*(?<arg>(?:\$?""[^""]*""|[^,()]+)(?:\([^()]*\))?)\s*,")]
    private static partial Regex ActionArgument();

    [GeneratedRegex(@"^""([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)""$")]
    private static partial Regex Literal();

    [GeneratedRegex(@"^[A-Za-z_][\w.!]*\s*\?\s*""([a-z][a-z0-9.-]*)""\s*:\s*""([a-z][a-z0-9.-]*)""$")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"=>\s*""([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)""")]
    private static partial Regex Arm();

    [GeneratedRegex(@"`([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)`")]
    private static partial Regex Backticked();
}
